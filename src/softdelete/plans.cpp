// Soft delete: the statements for one table, built from the catalogue (its foreign keys and
// the polymorphic tables naming its entity type) and cached per relation definition.

#include <algorithm>

#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "softdelete/internal.hpp"

namespace fitness::softdelete {
namespace {

// The array type of a column type, for "= ANY ($1)" over many keys (InvalidOid: none).
Oid array_of(Oid type_oid) {
  return pg::pg_call([&] { return get_array_type(type_oid); });
}
// The set-based soft delete, RETURNING the columns its follow and restrict statements take
// their keys from (by name: RETURNING * would skip dropped columns and shift positions).
void finish_many_plan(const pg::RelationMeta& meta, const std::string& target,
                      RelationPlans& plans) {
  std::vector<AttrNumber> needed{meta.id_attnum};
  auto need = [&](AttrNumber attnum) {
    if (std::find(needed.begin(), needed.end(), attnum) == needed.end()) needed.push_back(attnum);
  };
  for (const Follow& f : plans.follows)
    for (AttrNumber a : f.parent_columns) need(a);
  for (const Restrict& r : plans.restricts)
    for (AttrNumber a : r.parent_columns) need(a);
  std::string list;
  for (AttrNumber attnum : needed) {
    const pg::ColumnMeta* column = nullptr;
    for (const pg::ColumnMeta& c : meta.columns)
      if (c.attnum == attnum) column = &c;
    if (column == nullptr)
      throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: key column not found");
    list += (list.empty() ? "" : ", ") + pg::quoted_identifier(column->name.c_str());
  }
  plans.returned = needed;
  plans.returned_list = list;
  plans.soft_delete_many = plans.kept.prepare(
      "UPDATE " + target +
          " SET is_active = false, deleted_at = now(), deleted_by = fitness.current_user_id()"
          " WHERE id = ANY ($1) AND is_active RETURNING " +
          list,
      {UUIDARRAYOID});
}

// Builds the statements for one table from the catalogue: its soft delete, one DELETE per
// ON DELETE CASCADE foreign key of a soft-delete table pointing at it, one per polymorphic
// table for its entity_type code.
void build(const pg::RelationMeta& meta, RelationPlans& plans) {
  std::string target = pg::quoted_table(meta.schema_name, meta.table_name);
  plans.soft_delete = plans.kept.prepare(
      "UPDATE " + target +
          " SET is_active = false, deleted_at = now(), deleted_by = fitness.current_user_id()"
          " WHERE id = $1 AND is_active",
      {UUIDOID});

  static pg::KeptPlan children(
      "SELECT c.conrelid, n.nspname, r.relname, c.conkey, c.confkey, c.confdeltype, c.conname"
      " FROM pg_catalog.pg_constraint c"
      " JOIN pg_catalog.pg_class r ON r.oid = c.conrelid"
      " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
      " WHERE c.contype = 'f' AND c.confrelid = $1 AND c.confdeltype IN ('c', 'r', 'a')"
      "   AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.conrelid"
      "               AND a.attname = 'is_active' AND NOT a.attisdropped)",
      {OIDOID});
  Datum relid = ObjectIdGetDatum(meta.relid);
  std::uint64_t rows = children.execute(&relid, nullptr, true);
  struct Child {
    std::string schema, table, constraint_name;
    std::vector<AttrNumber> child_columns, parent_columns;
    bool cascade;
  };
  std::vector<Child> found;
  for (std::uint64_t i = 0; i < rows; i++) {
    Child child;
    int16* child_keys = nullptr;
    int16* parent_keys = nullptr;
    int nkeys = 0;
    char* schema = nullptr;
    char* table = nullptr;
    char* action = nullptr;
    char* constraint_name = nullptr;
    pg::pg_call([&] {
      HeapTuple row = SPI_tuptable->vals[i];
      TupleDesc desc = SPI_tuptable->tupdesc;
      bool is_null = false;
      schema = SPI_getvalue(row, desc, 2);
      table = SPI_getvalue(row, desc, 3);
      action = SPI_getvalue(row, desc, 6);
      constraint_name = SPI_getvalue(row, desc, 7);
      ArrayType* conkey = DatumGetArrayTypeP(SPI_getbinval(row, desc, 4, &is_null));
      ArrayType* confkey = DatumGetArrayTypeP(SPI_getbinval(row, desc, 5, &is_null));
      nkeys = ArrayGetNItems(ARR_NDIM(conkey), ARR_DIMS(conkey));
      child_keys = reinterpret_cast<int16*>(ARR_DATA_PTR(conkey));
      parent_keys = reinterpret_cast<int16*>(ARR_DATA_PTR(confkey));
    });
    child.schema = schema;
    child.table = table;
    child.constraint_name = constraint_name;
    child.cascade = action[0] == 'c';
    for (int k = 0; k < nkeys; k++) {
      child.child_columns.push_back(child_keys[k]);
      child.parent_columns.push_back(parent_keys[k]);
    }
    found.push_back(std::move(child));
  }
  for (const Child& child : found) {
    Oid child_oid = pg::relation_oid(child.schema.c_str(), child.table.c_str());
    const pg::RelationMeta& child_meta = pg::RelationMetaCache::instance().get(child_oid);
    std::string sql =
        "DELETE FROM " + pg::quoted_table(child.schema, child.table) + " WHERE is_active";
    std::vector<Oid> types;
    for (size_t k = 0; k < child.child_columns.size(); k++) {
      const pg::ColumnMeta* column = nullptr;
      for (const pg::ColumnMeta& c : child_meta.columns)
        if (c.attnum == child.child_columns[k]) column = &c;
      if (column == nullptr)
        throw pg::Error(ERRCODE_INTERNAL_ERROR, "soft delete: foreign key column not found");
      sql += " AND " + pg::quoted_identifier(column->name.c_str()) + " = $" + std::to_string(k + 1);
      types.push_back(column->type_oid);
    }
    // One-column keys whose two sides have the same type also get a set-based statement.
    std::string many_column;
    Oid many_array = InvalidOid;
    if (child.child_columns.size() == 1) {
      const pg::ColumnMeta* parent_column = nullptr;
      for (const pg::ColumnMeta& c : meta.columns)
        if (c.attnum == child.parent_columns[0]) parent_column = &c;
      for (const pg::ColumnMeta& c : child_meta.columns)
        if (c.attnum == child.child_columns[0] && parent_column != nullptr &&
            c.type_oid == parent_column->type_oid) {
          many_column = pg::quoted_identifier(c.name.c_str());
          many_array = array_of(c.type_oid);
        }
    }
    if (!child.cascade) {
      std::string check = "SELECT 1 FROM " + pg::quoted_table(child.schema, child.table) +
                          sql.substr(sql.find(" WHERE ")) + " LIMIT 1";
      Restrict rule{plans.kept.prepare(check, types), child.parent_columns, child.constraint_name,
                    child.table};
      if (many_array != InvalidOid)
        rule.plan_many = plans.kept.prepare(
            "SELECT " + many_column + " FROM " + pg::quoted_table(child.schema, child.table) +
                " WHERE is_active AND " + many_column + " = ANY ($1) LIMIT 1",
            {many_array});
      plans.restricts.push_back(std::move(rule));
      continue;
    }
    std::string find = "SELECT id FROM " + pg::quoted_table(child.schema, child.table) +
                       " WHERE NOT is_active AND deleted_at = $" +
                       std::to_string(types.size() + 1) + sql.substr(sql.find(" AND "));
    std::vector<Oid> find_types = types;
    find_types.push_back(TIMESTAMPTZOID);
    Follow follow{
        plans.kept.prepare(sql, types),      child.parent_columns, InvalidOid, {}, child_oid,
        plans.kept.prepare(find, find_types)};
    if (many_array != InvalidOid)
      follow.plan_many =
          plans.kept.prepare("DELETE FROM " + pg::quoted_table(child.schema, child.table) +
                                 " WHERE is_active AND " + many_column + " = ANY ($1)",
                             {many_array});
    plans.follows.push_back(std::move(follow));
  }

  // Polymorphic references: tables with entity_type/entity_id/is_active, for this table's
  // code in core.entity_type. Not platform.rating nor platform.rating_summary: other
  // people's ratings of an entity are theirs, and are hidden with it by the policies (a
  // rating is visible only while its target is); taking them along would let an author
  // delete and restore a workout to drop its bad reviews (a restore leaves alone what the
  // caller may not write). The summary follows the ratings (rules/ratings.cpp).
  static pg::KeptPlan codes(
      "SELECT e.code FROM core.entity_type e WHERE e.table_name = $1::regclass AND e.is_active",
      {OIDOID});
  static pg::KeptPlan poly_tables(
      "SELECT n.nspname, r.relname FROM pg_catalog.pg_class r"
      " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
      " WHERE n.nspname IN ('core', 'user_mgmt', 'content', 'platform') AND r.relkind IN ('r', 'p')"
      "   AND NOT r.relispartition"
      "   AND (SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = r.oid AND NOT "
      "a.attisdropped"
      "        AND a.attname IN ('entity_type', 'entity_id', 'is_active')) = 3"
      "   AND r.oid NOT IN ('platform.rating'::regclass, 'platform.rating_summary'::regclass)"
      " ORDER BY 1, 2",
      {});
  std::vector<std::string> type_codes;
  std::uint64_t ncodes = codes.execute(&relid, nullptr, true);
  for (std::uint64_t i = 0; i < ncodes; i++)
    type_codes.push_back(
        pg::pg_call([&] { return SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1); }));
  if (type_codes.empty()) {
    finish_many_plan(meta, target, plans);
    return;
  }
  std::vector<std::pair<std::string, Oid>> targets;
  std::uint64_t ntables = poly_tables.execute(nullptr, nullptr, true);
  std::vector<std::pair<std::string, std::string>> names;
  for (std::uint64_t i = 0; i < ntables; i++) {
    char* schema = nullptr;
    char* table = nullptr;
    pg::pg_call([&] {
      schema = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
      table = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
    });
    names.emplace_back(schema, table);
  }
  for (const auto& [schema, table] : names)
    targets.emplace_back(pg::quoted_table(schema, table),
                         pg::relation_oid(schema.c_str(), table.c_str()));
  for (const std::string& code : type_codes)
    for (const auto& [table, oid] : targets)
      plans.follows.push_back(Follow{
          plans.kept.prepare(
              "DELETE FROM " + table + " WHERE is_active AND entity_type = $1 AND entity_id = $2",
              {TEXTOID, UUIDOID}),
          {meta.id_attnum},
          TEXTOID,
          code,
          oid,
          plans.kept.prepare(
              "SELECT id FROM " + table +
                  " WHERE NOT is_active AND deleted_at = $3 AND entity_type = $1 AND entity_id "
                  "= $2",
              {TEXTOID, UUIDOID, TIMESTAMPTZOID}),
          plans.kept.prepare("DELETE FROM " + table +
                                 " WHERE is_active AND entity_type = $1 AND entity_id = ANY ($2)",
                             {TEXTOID, UUIDARRAYOID})});
  finish_many_plan(meta, target, plans);
}

}  // namespace

std::shared_ptr<RelationPlans> plans_for(const pg::RelationMeta& meta) {
  static pg::RelationPlanCache<RelationPlans> cache("soft_delete_plans", build);
  return cache.get(meta);
}

void returned_follow_args(const Follow& follow, const ReturnedRows& rows, uint64 i, size_t extra,
                          std::vector<Datum>& args, std::vector<char>& nulls) {
  std::vector<int> positions;
  for (AttrNumber a : follow.parent_columns) positions.push_back(rows.position(a));
  args.reserve(positions.size() + 1 + extra);
  nulls.reserve(positions.size() + 2 + extra);  // and the terminating '\0'
  const char* code =
      follow.entity_type_param != InvalidOid ? follow.entity_type_code.c_str() : nullptr;
  pg::pg_call([&] {  // no reallocation in here: the room is reserved
    if (code != nullptr) {
      args.push_back(CStringGetTextDatum(code));
      nulls.push_back(' ');
    }
    rows.args(i, positions, args, nulls);
  });
}

}  // namespace fitness::softdelete
