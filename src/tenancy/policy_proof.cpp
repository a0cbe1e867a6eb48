// Run-time proof of policy arms from a scan's own index condition.
//
// A tenancy policy reads "is_active AND $cu IS NOT NULL AND (owner_id = $cu OR ...)", $cu
// being the InitPlan (SELECT fitness.current_user_id()). For "my rows" (WHERE owner_id =
// '<me>') the planner must keep the OR as a per-row filter: it cannot prove it from the
// index condition owner_id = '<me>', since $cu is known only when the query runs. The
// floor, the same predicate written with literals, has no filter at all (the planner proves
// it from the index condition), and a filter costs as much again as fetching the row.
//
// Once the InitPlan has run the proof is one comparison: every row the index returns has
// owner_id = '<me>', so if '<me>' = $cu the arm, hence the OR, holds for all of them and the
// conjunct is dropped from the scan's filter (as is "$cu IS NOT NULL" once $cu is known not
// to be NULL). What remains is the filter the plan would have had with literals, often none.
// Nothing is dropped unless proven: another user's rows, a NULL, or any other shape keep the
// plan's filter as it is.
//
// When: after each row the scan returns with its whole filter, until the params involved have
// been computed by the plan itself (normally by the first row's filter). The proof never runs
// an InitPlan the plan would not have run.
//
// Soundness: the index condition and the arm use the same btree equality operator (an
// equivalence relation), on one type and under one collation, the operator is leakproof, and
// $cu is set by an InitPlan that reads no outer value (no parameters, empty extParam), so its
// value cannot change during the execution. Rows come back from the scan only if they
// satisfy its index condition (lossy index AMs recheck it).
//
// Plain C style on purpose: this runs inside PostgreSQL's executor and is left by ereport
// (an InitPlan may fail), so it holds no C++ object with a destructor.

#include "pg/cache_stats.hpp"
#include "pg/guard.hpp"
#include "pg/load_steps.hpp"

namespace fitness::tenancy {
namespace {

ExecutorStart_hook_type previous_start = nullptr;
bool proof_enabled = true;  // fitness.policy_proof

// hits: scans that dropped a policy OR (an arm was proven); misses: scans where none was.
pg::CacheStats proof_stats{"policy_proof", nullptr};
// hits: scans whose filter was specialised for the execution (guards, helper arrays).
pg::CacheStats specialized_stats{"policy_specialized", nullptr};

enum class ConjunctKind { Keep, ParamNotNull, OrWithArm };

struct Conjunct {
  Expr* clause;
  ConjunctKind kind;
  Param* param;  // ParamNotNull: the param; OrWithArm: the arm's param
  Expr* key;     // OrWithArm: the index condition's Const, statement parameter or fixed Param
  Oid opfunc;    // OrWithArm: the operator's function
  Oid collation;
  bool key_first;      // OrWithArm: call opfunc(key, param), else opfunc(param, key)
  bool specializable;  // holds a guard param or a set-valued helper call (see specialize)
};

// One scan whose filter may be shortened once its params are known.
struct PendingProof {
  PendingProof* next;
  PlanState* scan;
  ExecProcNodeMtd real;
  Conjunct* conjuncts;
  int nconjuncts;
  bool decided;                  // proven or not: from now on the scan only passes through
  int rows_seen;                 // rows returned with the whole filter while params were unknown
  Bitmapset* fixed;              // the execution's fixed params (none in a parallel worker)
  MemoryContextCallback forget;  // unlinks this entry when the query's memory goes
};
PendingProof* pending = nullptr;

void forget_pending(void* arg) {
  PendingProof* entry = static_cast<PendingProof*>(arg);
  for (PendingProof** link = &pending; *link != nullptr; link = &(*link)->next)
    if (*link == entry) {
      *link = entry->next;
      return;
    }
}

// PARAM_EXEC ids set by InitPlans that read no outer value: fixed for the whole execution.
// (An InitPlan inside a correlated subquery may read the outer row through extParam and is
// recomputed on each rescan.)
bool collect_fixed_params(PlanState* ps, void* context) {
  Bitmapset** fixed = static_cast<Bitmapset**>(context);
  ListCell* lc;
  foreach (lc, ps->initPlan) {
    SubPlanState* state = castNode(SubPlanState, lfirst(lc));
    SubPlan* plan = state->subplan;
    if (plan->parParam != NIL || plan->args != NIL ||
        !bms_is_empty(state->planstate->plan->extParam))
      continue;
    ListCell* pc;
    foreach (pc, plan->setParam) *fixed = bms_add_member(*fixed, lfirst_int(pc));
  }
  return planstate_tree_walker(
      ps, reinterpret_cast<bool (*)()>(reinterpret_cast<void*>(collect_fixed_params)), context);
}

Param* fixed_param(Node* node, Bitmapset* fixed) {
  if (node == nullptr || !IsA(node, Param)) return nullptr;
  Param* param = castNode(Param, node);
  return param->paramkind == PARAM_EXEC && bms_is_member(param->paramid, fixed) ? param : nullptr;
}

bool same_var(Node* a, Node* b) {
  if (a == nullptr || b == nullptr || !IsA(a, Var) || !IsA(b, Var)) return false;
  Var* x = castNode(Var, a);
  Var* y = castNode(Var, b);
  return x->varlevelsup == 0 && y->varlevelsup == 0 && x->varno == y->varno &&
         x->varattno == y->varattno;
}

// Splits a binary OpExpr into its Var and the other operand; false if it is not that shape.
bool var_and_other(Node* node, Node** var, Node** other, bool* var_first) {
  if (node == nullptr || !IsA(node, OpExpr)) return false;
  OpExpr* op = castNode(OpExpr, node);
  if (list_length(op->args) != 2) return false;
  Node* left = static_cast<Node*>(linitial(op->args));
  Node* right = static_cast<Node*>(lsecond(op->args));
  if (IsA(left, Var)) {
    *var = left;
    *other = right;
    *var_first = true;
    return true;
  }
  if (IsA(right, Var)) {
    *var = right;
    *other = left;
    *var_first = false;
    return true;
  }
  return false;
}

// A btree equality on one type whose function leaks nothing: transitive, safe to call on
// any value, and callable with the key and the param (both of that type) in either order.
bool provable_operator(Oid opno) {
  Oid left, right;
  op_input_types(opno, &left, &right);
  return left == right && get_mergejoin_opfamilies(opno) != NIL &&
         get_func_leakproof(get_opcode(opno));
}

// The index condition "var op key" with this operator, key fixed for the execution.
Expr* index_key_for(List* index_conditions, OpExpr* arm, Node* arm_var, Bitmapset* fixed) {
  ListCell* lc;
  foreach (lc, index_conditions) {
    Node *var, *other;
    bool var_first;
    if (!var_and_other(static_cast<Node*>(lfirst(lc)), &var, &other, &var_first)) continue;
    OpExpr* condition = castNode(OpExpr, lfirst(lc));
    // Same operator under the same collation: equality is transitive only within one.
    if (condition->opno != arm->opno || condition->inputcollid != arm->inputcollid ||
        !same_var(var, arm_var))
      continue;
    if (IsA(other, Const) && !castNode(Const, other)->constisnull)
      return reinterpret_cast<Expr*>(other);
    if (fixed_param(other, fixed) != nullptr) return reinterpret_cast<Expr*>(other);
    // A statement parameter ($1 of a generic plan) is as fixed as a Const for one execution.
    if (IsA(other, Param) && castNode(Param, other)->paramkind == PARAM_EXTERN)
      return reinterpret_cast<Expr*>(other);
  }
  return nullptr;
}

// --- Specialising a policy for one execution -------------------------------------------
//
// Policies guard arms with InitPlan booleans ("$2 AND id >= ...": platform admin) and test
// membership with set-valued helpers ("owner_id = ANY (fitness.readable_user_ids('...'))").
// Both are fixed for the execution, yet the plan evaluates them per row: the helper is called
// and its array scanned element by element for every row, where the floor's literal array
// is hashed once. Once the params are known, arms whose guard is false are dropped, true
// guards disappear, and each such helper call is evaluated once and becomes a constant
// array, hashed as the planner hashes a literal one (PostgreSQL itself evaluates a stable
// function once per scan for index keys). An arm over an empty array cannot hold and goes.

bool known_value(Expr* expr, PlanState* ps, Datum* value, bool* isnull);

// "x op ANY (f(consts))" with f stable and not set-returning: its array is fixed.
bool fixed_array_call(Node* node) {
  if (node == nullptr || !IsA(node, ScalarArrayOpExpr)) return false;
  ScalarArrayOpExpr* saop = castNode(ScalarArrayOpExpr, node);
  if (!saop->useOr || list_length(saop->args) != 2) return false;
  Node* array = static_cast<Node*>(lsecond(saop->args));
  if (!IsA(array, FuncExpr)) return false;
  FuncExpr* call = castNode(FuncExpr, array);
  if (call->funcretset || func_volatile(call->funcid) == PROVOLATILE_VOLATILE) return false;
  ListCell* lc;
  foreach (lc, call->args)
    if (!IsA(lfirst(lc), Const)) return false;
  return true;
}

bool fixed_bool_param(Node* node, Bitmapset* fixed) {
  Param* param = fixed_param(node, fixed);
  return param != nullptr && param->paramtype == BOOLOID;
}

bool has_specializable(Node* node, Bitmapset* fixed) {
  if (fixed_array_call(node) || fixed_bool_param(node, fixed)) return true;
  if (node == nullptr || !IsA(node, BoolExpr) || castNode(BoolExpr, node)->boolop == NOT_EXPR)
    return false;
  ListCell* lc;
  foreach (lc, castNode(BoolExpr, node)->args)
    if (has_specializable(static_cast<Node*>(lfirst(lc)), fixed)) return true;
  return false;
}

enum class Truth { Varies, True, False };

constexpr int kMinArrayToHash = 9;  // the planner's MIN_ARRAY_SIZE_FOR_HASHED_SAOP

// The node for this execution. Only AND and OR are descended (no NOT above), and a filter
// rejects NULL as it rejects false, so a NULL guard or array counts as false.
Node* specialize(Node* node, PlanState* ps, Bitmapset* fixed, Truth* truth) {
  *truth = Truth::Varies;
  if (fixed_bool_param(node, fixed)) {
    Datum value;
    bool isnull;
    if (known_value(reinterpret_cast<Expr*>(node), ps, &value, &isnull))
      *truth = !isnull && DatumGetBool(value) ? Truth::True : Truth::False;
    return node;
  }
  if (fixed_array_call(node)) {
    ScalarArrayOpExpr* saop = castNode(ScalarArrayOpExpr, node);
    Expr* call = static_cast<Expr*>(lsecond(saop->args));
    ExprState* state = ExecInitExpr(call, ps);
    bool isnull;
    Datum value = ExecEvalExprSwitchContext(state, ps->ps_ExprContext, &isnull);
    Oid type = exprType(reinterpret_cast<Node*>(call));
    int16 typlen;
    bool typbyval;
    get_typlenbyval(type, &typlen, &typbyval);
    if (!isnull) value = datumCopy(value, typbyval, typlen);  // out of the per-tuple memory
    ResetExprContext(ps->ps_ExprContext);
    int elements = 0;
    if (!isnull) {
      ArrayType* array = DatumGetArrayTypeP(value);
      elements = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
    }
    if (isnull || elements == 0) {
      *truth = Truth::False;
      return node;
    }
    ScalarArrayOpExpr* fixed_saop = static_cast<ScalarArrayOpExpr*>(copyObjectImpl(saop));
    lsecond(fixed_saop->args) = makeConst(type, -1, exprCollation(reinterpret_cast<Node*>(call)),
                                          typlen, value, false, typbyval);
    Oid left_hash, right_hash;
    if (elements >= kMinArrayToHash && get_op_hash_functions(saop->opno, &left_hash, &right_hash) &&
        left_hash == right_hash) {
      fixed_saop->hashfuncid = left_hash;
      fixed_saop->negfuncid = InvalidOid;
    }
    return reinterpret_cast<Node*>(fixed_saop);
  }
  if (node == nullptr || !IsA(node, BoolExpr) || castNode(BoolExpr, node)->boolop == NOT_EXPR)
    return node;
  BoolExpr* expr = castNode(BoolExpr, node);
  bool is_and = expr->boolop == AND_EXPR;
  Truth absorbing = is_and ? Truth::False : Truth::True;  // decides the whole expression
  List* args = NIL;
  ListCell* lc;
  foreach (lc, expr->args) {
    Truth arg_truth;
    Node* arg = specialize(static_cast<Node*>(lfirst(lc)), ps, fixed, &arg_truth);
    if (arg_truth == absorbing) {
      *truth = absorbing;
      return node;
    }
    if (arg_truth == Truth::Varies) args = lappend(args, arg);  // the neutral value drops out
  }
  if (args == NIL) {
    *truth = is_and ? Truth::True : Truth::False;
    return node;
  }
  if (list_length(args) == 1) return static_cast<Node*>(linitial(args));
  return is_and ? reinterpret_cast<Node*>(make_andclause(args))
                : reinterpret_cast<Node*>(make_orclause(args));
}

void classify(Conjunct* c, List* index_conditions, Bitmapset* fixed) {
  c->kind = ConjunctKind::Keep;
  Node* node = reinterpret_cast<Node*>(c->clause);
  c->specializable = has_specializable(node, fixed);
  if (IsA(node, NullTest)) {
    NullTest* test = castNode(NullTest, node);
    Param* param = fixed_param(reinterpret_cast<Node*>(test->arg), fixed);
    if (test->nulltesttype == IS_NOT_NULL && !test->argisrow && param != nullptr) {
      c->kind = ConjunctKind::ParamNotNull;
      c->param = param;
    }
    return;
  }
  if (!is_orclause(node)) return;
  ListCell* lc;
  foreach (lc, castNode(BoolExpr, node)->args) {
    Node *var, *other;
    bool var_first;
    if (!var_and_other(static_cast<Node*>(lfirst(lc)), &var, &other, &var_first)) continue;
    Param* param = fixed_param(other, fixed);
    OpExpr* arm = castNode(OpExpr, lfirst(lc));
    if (param == nullptr || !provable_operator(arm->opno) || exprType(other) != exprType(var))
      continue;
    Expr* key = index_key_for(index_conditions, arm, var, fixed);
    if (key == nullptr) continue;
    // With the Var replaced by the key, the arm reads opfunc(key, param) (or the reverse).
    c->kind = ConjunctKind::OrWithArm;
    c->param = param;
    c->key = key;
    c->opfunc = arm->opfuncid != InvalidOid ? arm->opfuncid : get_opcode(arm->opno);
    c->collation = arm->inputcollid;
    c->key_first = var_first;
    return;
  }
}

List* index_conditions_of(PlanState* ps) {
  switch (nodeTag(ps)) {
    case T_IndexScanState:
      return castNode(IndexScan, ps->plan)->indexqualorig;
    case T_IndexOnlyScanState:
      return castNode(IndexOnlyScan, ps->plan)->indexqual;
    case T_BitmapHeapScanState:
      return castNode(BitmapHeapScan, ps->plan)->bitmapqualorig;
    default:
      return NIL;
  }
}

// A key's or param's value if the plan has computed it; false if not yet (its InitPlan has not
// run: the proof never runs one the plan would not have).
bool known_value(Expr* expr, PlanState* ps, Datum* value, bool* isnull) {
  if (IsA(expr, Const)) {
    *value = castNode(Const, expr)->constvalue;
    *isnull = castNode(Const, expr)->constisnull;
    return true;
  }
  Param* param = castNode(Param, expr);
  if (param->paramkind == PARAM_EXEC) {
    ParamExecData* data = &ps->state->es_param_exec_vals[param->paramid];
    if (data->execPlan != nullptr) return false;
    *value = data->value;
    *isnull = data->isnull;
    return true;
  }
  ExprState* state = ExecInitExpr(expr, ps);  // PARAM_EXTERN: the statement's parameter
  *value = ExecEvalExprSwitchContext(state, ps->ps_ExprContext, isnull);
  return true;
}

enum class Proof { Unknown, Holds, Fails };

Proof prove(const Conjunct& c, PlanState* ps) {
  Datum param, key;
  bool param_null, key_null;
  if (!known_value(reinterpret_cast<Expr*>(c.param), ps, &param, &param_null))
    return Proof::Unknown;
  if (c.kind == ConjunctKind::ParamNotNull) return param_null ? Proof::Fails : Proof::Holds;
  if (!known_value(c.key, ps, &key, &key_null)) return Proof::Unknown;
  if (param_null || key_null) return Proof::Fails;  // a strict operator: the arm is not true
  Datum equal = c.key_first ? OidFunctionCall2Coll(c.opfunc, c.collation, key, param)
                            : OidFunctionCall2Coll(c.opfunc, c.collation, param, key);
  return DatumGetBool(equal) ? Proof::Holds : Proof::Fails;
}

constexpr int kMaxRowsBeforeProof = 16;  // then the params are taken not to come: keep the filter

// After a row the scan returned: once every candidate's params are known, drops the conjuncts
// proven and marks the entry decided. Returns without deciding while a param is unknown.
void try_proof(PendingProof* entry, PlanState* ps) {
  MemoryContext old = MemoryContextSwitchTo(ps->state->es_query_cxt);
  List* remaining = NIL;
  bool dropped = false, arm_proven = false, unknown = false, specialized = false;
  for (int i = 0; i < entry->nconjuncts && !unknown; i++) {
    const Conjunct& c = entry->conjuncts[i];
    Proof proof = c.kind == ConjunctKind::Keep ? Proof::Fails : prove(c, ps);
    if (proof == Proof::Unknown) {
      unknown = true;
    } else if (proof == Proof::Holds) {
      dropped = true;
      arm_proven = arm_proven || c.kind == ConjunctKind::OrWithArm;
    } else if (c.specializable) {
      Truth truth;
      Node* clause = specialize(reinterpret_cast<Node*>(c.clause), ps, entry->fixed, &truth);
      specialized = true;
      if (truth == Truth::True) continue;  // holds for every row: dropped
      remaining = lappend(remaining, truth == Truth::False ? makeBoolConst(false, false) : clause);
    } else {
      remaining = lappend(remaining, c.clause);
    }
  }
  if (unknown && entry->rows_seen < kMaxRowsBeforeProof) {
    MemoryContextSwitchTo(old);
    return;  // again after the next row
  }
  // A SubPlan left in the filter would be initialised a second time: keep the filter whole.
  bool apply =
      !unknown && (dropped || specialized) && !contain_subplans(reinterpret_cast<Node*>(remaining));
  if (apply) ps->qual = ExecInitQual(remaining, ps);  // NULL for an empty list: no filter at all
  MemoryContextSwitchTo(old);
  entry->decided = true;
  if (apply && arm_proven)
    proof_stats.hits++;
  else
    proof_stats.misses++;
  if (apply && specialized) specialized_stats.hits++;
}

TupleTableSlot* proving_call(PlanState* ps);

// The scan runs as it would have from now on (unless someone wrapped it after us: then
// proving_call only passes through).
void hand_back(PendingProof* entry, PlanState* ps) {
  if (ps->ExecProcNodeReal == proving_call) ps->ExecProcNodeReal = entry->real;
  if (ps->ExecProcNode == proving_call) ps->ExecProcNode = entry->real;
}

TupleTableSlot* proving_call(PlanState* ps) {
  PendingProof* entry = pending;
  while (entry != nullptr && entry->scan != ps) entry = entry->next;
  if (entry == nullptr) elog(ERROR, "fitness: no pending policy proof for this scan");
  TupleTableSlot* slot = entry->real(ps);
  if (!entry->decided) {
    if (TupIsNull(slot)) {
      entry->decided = true;  // the scan is done: nothing left to save
      proof_stats.misses++;
    } else {
      entry->rows_seen++;
      try_proof(entry, ps);
    }
    if (entry->decided) hand_back(entry, ps);
  }
  return slot;
}

struct Walk {
  Bitmapset* fixed;
  MemoryContext memory;
};

bool plan_proofs(PlanState* ps, void* context) {
  Walk* walk = static_cast<Walk*>(context);
  List* index_conditions = index_conditions_of(ps);
  bool scan = IsA(ps, SeqScanState) || IsA(ps, IndexScanState) || IsA(ps, IndexOnlyScanState) ||
              IsA(ps, BitmapHeapScanState);
  // A SubPlan used twice (e.g. in a filter and in the target list) is walked twice: once is enough.
  if (scan && ps->plan->qual != NIL && ps->qual != nullptr &&
      ps->ExecProcNodeReal != proving_call) {
    int n = list_length(ps->plan->qual);
    Conjunct* conjuncts =
        static_cast<Conjunct*>(MemoryContextAllocZero(walk->memory, sizeof(Conjunct) * n));
    bool any = false;
    for (int i = 0; i < n; i++) {
      conjuncts[i].clause = static_cast<Expr*>(list_nth(ps->plan->qual, i));
      classify(&conjuncts[i], index_conditions, walk->fixed);
      any = any || conjuncts[i].kind == ConjunctKind::OrWithArm || conjuncts[i].specializable;
    }
    if (any) {  // a NOT NULL test alone is not worth a detour
      PendingProof* entry =
          static_cast<PendingProof*>(MemoryContextAllocZero(walk->memory, sizeof(PendingProof)));
      entry->scan = ps;
      entry->real = ps->ExecProcNodeReal;
      entry->conjuncts = conjuncts;
      entry->nconjuncts = n;
      entry->fixed = walk->fixed;
      entry->forget.func = forget_pending;
      entry->forget.arg = entry;
      MemoryContextRegisterResetCallback(walk->memory, &entry->forget);
      entry->next = pending;
      pending = entry;
      ps->ExecProcNodeReal = proving_call;
    }
  }
  return planstate_tree_walker(
      ps, reinterpret_cast<bool (*)()>(reinterpret_cast<void*>(plan_proofs)), context);
}

void proof_start(QueryDesc* query, int eflags) {
  if (previous_start != nullptr)
    previous_start(query, eflags);
  else
    standard_ExecutorStart(query, eflags);
  // Fixed params come from InitPlans; parallel workers get their values but not the
  // InitPlans, so there they are not taken as known (helper arrays are still fixed there).
  if (!proof_enabled || (eflags & EXEC_FLAG_EXPLAIN_ONLY) || query->planstate == nullptr) return;
  // Policies always bring InitPlans (the current user): a statement without any has nothing
  // to prove or specialise, and most statements (single-row writes) skip the walk.
  if (query->plannedstmt->subplans == NIL) return;
  Walk walk{nullptr, query->estate->es_query_cxt};
  if (!IsParallelWorker()) {
    MemoryContext old =
        MemoryContextSwitchTo(walk.memory);  // kept by the entries until the query ends
    collect_fixed_params(query->planstate, &walk.fixed);
    MemoryContextSwitchTo(old);
  }
  plan_proofs(query->planstate, &walk);
}

// --- Telling the planner what the specialisation will cost ---------------------------
//
// The planner costs "x = ANY (f(consts))" as a call of f and a scan of a 10-element array
// per row, for every arm of a policy, although the executor above evaluates f once and
// hashes its array. On a mid-sized table that overestimate is enough to choose a parallel
// plan whose worker start-up costs more than the whole serial scan. So, for a plain table
// whose restriction clauses hold such arms, the clause's cost is set to what runs: f once
// (start-up) and one hashed probe per row, and the table's paths are built again with it,
// exactly as PostgreSQL's set_plain_rel_pathlist builds them (seq, parallel seq, index,
// bitmap and TID paths). Only costs change; which rows a plan returns never does.

set_rel_pathlist_hook_type previous_pathlist = nullptr;

struct CostWalk {
  PlannerInfo* root;
  QualCost once;  // the calls, evaluated once per execution
  int probes;     // hashed probes per row that replace them
};

// A copy of the clause with each fixed array call replaced by a NULL array (costed as
// nothing), the replaced calls' costs gathered as start-up and probes.
Node* without_fixed_calls(Node* node, void* context) {
  if (node == nullptr) return nullptr;
  CostWalk* walk = static_cast<CostWalk*>(context);
  if (fixed_array_call(node)) {
    ScalarArrayOpExpr* saop = static_cast<ScalarArrayOpExpr*>(copyObjectImpl(node));
    Node* call = static_cast<Node*>(lsecond(saop->args));
    QualCost call_cost;
    cost_qual_eval_node(&call_cost, call, walk->root);
    walk->once.startup += call_cost.startup + call_cost.per_tuple;
    walk->probes++;
    Oid type = exprType(call);
    int16 typlen;
    bool typbyval;
    get_typlenbyval(type, &typlen, &typbyval);
    lsecond(saop->args) =
        makeConst(type, -1, exprCollation(call), typlen, static_cast<Datum>(0), true, typbyval);
    saop->hashfuncid = InvalidOid;
    return reinterpret_cast<Node*>(saop);
  }
  return expression_tree_mutator(
      node, reinterpret_cast<Node* (*)()>(reinterpret_cast<void*>(without_fixed_calls)), context);
}

bool contains_fixed_call(Node* node, void* context) {
  if (node == nullptr) return false;
  if (fixed_array_call(node)) return true;
  return expression_tree_walker(
      node, reinterpret_cast<bool (*)()>(reinterpret_cast<void*>(contains_fixed_call)), context);
}

void costed_as_specialised(PlannerInfo* root, RelOptInfo* rel, Index rti, RangeTblEntry* rte) {
  bool plain = rte->rtekind == RTE_RELATION && !rte->inh && rte->tablesample == nullptr &&
               (rte->relkind == RELKIND_RELATION || rte->relkind == RELKIND_MATVIEW) &&
               !IS_DUMMY_REL(rel) && rel->fdwroutine == nullptr;
  bool changed = false;
  if (proof_enabled && plain) {
    ListCell* lc;
    foreach (lc, rel->baserestrictinfo) {
      RestrictInfo* rinfo = lfirst_node(RestrictInfo, lc);
      if (rinfo->pseudoconstant ||
          !contains_fixed_call(reinterpret_cast<Node*>(rinfo->clause), nullptr))
        continue;
      CostWalk walk{root, {0, 0}, 0};
      Node* costed = without_fixed_calls(reinterpret_cast<Node*>(rinfo->clause), &walk);
      QualCost rest;
      cost_qual_eval_node(&rest, costed, root);
      rinfo->eval_cost.startup = rest.startup + walk.once.startup;
      rinfo->eval_cost.per_tuple =
          rest.per_tuple + walk.probes * 2 * cpu_operator_cost;  // hash + equality
      changed = true;
    }
  }
  if (changed) {
    cost_qual_eval(&rel->baserestrictcost, rel->baserestrictinfo,
                   root);  // from the clauses' costs above
    rel->pathlist = NIL;
    rel->partial_pathlist = NIL;
    Relids required_outer = rel->lateral_relids;
    add_path(rel, create_seqscan_path(root, rel, required_outer, 0));
    if (rel->consider_parallel && required_outer == nullptr) {
      int workers = compute_parallel_worker(rel, rel->pages, -1, max_parallel_workers_per_gather);
      if (workers > 0) add_partial_path(rel, create_seqscan_path(root, rel, nullptr, workers));
    }
    create_index_paths(root, rel);
    create_tidscan_paths(root, rel);
  }
  if (previous_pathlist != nullptr) previous_pathlist(root, rel, rti, rte);
}

}  // namespace

FITNESS_LOAD_STEP(policy_proof, pg::LoadPhase::kHooks) {
  // Only speed depends on it, never what a query returns: any role may turn it off.
  pg::pg_call([] {
    DefineCustomBoolVariable(
        "fitness.policy_proof",
        "Scans drop policy conditions their index condition proves once InitPlans have run.",
        "Off: every scan keeps its whole filter (for comparison or diagnosis).", &proof_enabled,
        true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  });
  pg::register_cache(&proof_stats);
  pg::register_cache(&specialized_stats);
  previous_start = ExecutorStart_hook;
  ExecutorStart_hook = proof_start;
  previous_pathlist = set_rel_pathlist_hook;
  set_rel_pathlist_hook = costed_as_specialised;
}

}  // namespace fitness::tenancy
