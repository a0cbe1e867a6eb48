// Notifications: fitness.notification_muting(), BEFORE INSERT OR UPDATE OF status row
// trigger on platform.notification. A notification queued (inserted pending, or moved back
// to pending by a retry) that the user has muted is stored as canceled (last_error says
// why), so no dispatcher delivers it and the history still shows it was meant;
// transactional types (notification_type.is_transactional: payment failed, password reset,
// ...) are never muted. Muted means: the recipient's notifications.enabled is false (their
// own override, else false in any institution they are an active member of, else the
// system value: the recipient's, whoever queues it), or their preference for the type and
// channel is disabled, or, without a preference, the channel is not one of the type's
// default_channels.
// The trigger is named to fire after status_machine (triggers fire in name order): the row
// is created in the initial status pending, then withdrawn, as pending -> canceled allows.
// dedupe_key is the table's unique index; status moves are status_machine's.
#include <cstring>
#include <string>

#include "pg/function.hpp"
#include "pg/relation_cache.hpp"
#include "pg/security.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

FITNESS_SQL_FUNCTION(fitness_notification_muting) {
  using namespace fitness;
  TriggerData* trigdata = pg::trigger_call(fcinfo, "fitness.notification_muting",
                                           pg::fired_before_row_write, pg::kBeforeRowWrite);
  Relation rel = trigdata->tg_relation;
  HeapTuple row = trigdata->tg_trigtuple;
  bool is_insert = TRIGGER_FIRED_BY_INSERT(trigdata->tg_event);
  HeapTuple old_row = is_insert ? nullptr : trigdata->tg_trigtuple;
  if (!is_insert) row = trigdata->tg_newtuple;
  const pg::RelationMeta& meta = pg::RelationMetaCache::instance().get(RelationGetRelid(rel));
  const pg::ColumnMeta* user_column = meta.find("user_id");
  const pg::ColumnMeta* type_column = meta.find("notification_type_id");
  const pg::ColumnMeta* channel_column = meta.find("channel");
  const pg::ColumnMeta* status_column = meta.find("status");
  const pg::ColumnMeta* error_column = meta.find("last_error");
  if (user_column == nullptr || type_column == nullptr || channel_column == nullptr ||
      status_column == nullptr || error_column == nullptr)
    throw pg::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                    "fitness.notification_muting(): " + meta.table_name +
                        " lacks user_id, notification_type_id, channel, status or last_error");
  TupleDesc desc = RelationGetDescr(rel);
  Datum args[3] = {0, 0, 0};
  bool nulls_seen = false, pending = false;
  pg::pg_call([&] {
    bool is_null = true;
    args[0] = heap_getattr(row, user_column->attnum, desc, &is_null);
    nulls_seen |= is_null;
    args[1] = heap_getattr(row, type_column->attnum, desc, &is_null);
    nulls_seen |= is_null;
    args[2] = heap_getattr(row, channel_column->attnum, desc, &is_null);
    nulls_seen |= is_null;
    Datum status = heap_getattr(row, status_column->attnum, desc, &is_null);
    pending = !is_null && std::strcmp(TextDatumGetCString(status), "pending") == 0;
    // An UPDATE is looked at when it (re)queues: failed -> pending, a retry.
    if (pending && old_row != nullptr) {
      Datum before = heap_getattr(old_row, status_column->attnum, desc, &is_null);
      if (!is_null && std::strcmp(TextDatumGetCString(before), "pending") == 0) pending = false;
    }
  });
  // NULLs are NOT NULL's errors; a row loaded in another status is history, kept as sent.
  if (nulls_seen || !pending) return PointerGetDatum(row);

  // Why the notification is muted (NULL: delivered).
  static pg::KeptPlan muted(
      "SELECT CASE"
      "  WHEN t.is_transactional THEN NULL"
      "  WHEN coalesce("
      "         (SELECT s.value FROM platform.setting s WHERE s.scope = 'user' AND s.scope_id = $1"
      "             AND s.key = 'notifications.enabled' AND s.is_active),"
      "         (SELECT 'false'::jsonb WHERE EXISTS (SELECT 1 FROM platform.setting s"
      "             JOIN user_mgmt.institution_member m ON m.institution_id = s.scope_id"
      "              AND m.user_id = $1 AND m.is_active AND m.status = 'active'"
      "            WHERE s.scope = 'institution' AND s.key = 'notifications.enabled'"
      "              AND s.is_active AND s.value = 'false'::jsonb)),"
      "         (SELECT ss.value FROM platform.system_setting ss"
      "           WHERE ss.key = 'notifications.enabled' AND ss.is_active)) = 'false'::jsonb"
      "    THEN 'muted: notifications.enabled is false for the user'"
      "  WHEN p.enabled IS NOT NULL THEN"
      "    CASE WHEN NOT p.enabled THEN 'muted: the user turned ' || t.code || ' off on ' || $3 END"
      "  WHEN NOT ($3 = ANY (t.default_channels))"
      "    THEN 'muted: ' || $3 || ' is not a default channel of ' || t.code || ' and the user did "
      "not turn it on'"
      " END"
      " FROM platform.notification_type t"
      " LEFT JOIN platform.notification_preference p ON p.user_id = $1"
      "   AND p.notification_type_id = t.id AND p.channel = $3 AND p.is_active"
      " WHERE t.id = $2",
      {UUIDOID, UUIDOID, TEXTOID});
  std::string reason;  // empty: delivered
  {
    pg::SpiSession spi;
    auto owner = pg::ScopedOwnerSwitch::as_role(meta.owner);
    if (muted.execute(args, nullptr, true, 1) == 0) return PointerGetDatum(row);  // the FK's error
    reason = pg::spi_first_text(1);
  }
  if (reason.empty()) return PointerGetDatum(row);
  // Built after the SPI session closed: in the trigger's memory, not SPI's.
  int attnums[2] = {status_column->attnum, error_column->attnum};
  bool replace_nulls[2] = {false, false};
  return pg::pg_call([&] {
    Datum values[2] = {CStringGetTextDatum("canceled"), CStringGetTextDatum(reason.c_str())};
    return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, 2, attnums, values, replace_nulls));
  });
}
