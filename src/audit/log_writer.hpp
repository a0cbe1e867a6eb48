// Appends entries to platform.audit_log the way COPY does: tuples written into the
// partition of now() (found from the parent's range bounds, as tuple routing would) with
// heap (multi-)inserts and index inserts, without planning and starting an INSERT
// statement for every audited statement, and without an SQL expression per row. The audit triggers
// use it for one-row statements and for multi-row INSERT and DELETE; when the log has something
// this path would not honour (an INSERT trigger, a rule, forced row-level security, a foreign or
// sub-partitioned partition, a column it does not fill or of another type), open() says no and the
// triggers write through SQL as before.
#pragma once

#include "pg/guard.hpp"

namespace fitness::audit {

struct AuditLogWriter;  // PostgreSQL executor state, in its own memory context

// What every entry of one audited statement shares. Datums stay valid until close().
struct StatementColumns {
  Datum table_schema, table_name;  // text
  Datum actor_user_id;             // uuid, unless actor_null
  bool actor_null;
  Datum db_role;           // text
  Datum application_name;  // text, unless application_name_null
  bool application_name_null;
};

struct EntryColumns {
  Datum record_id;  // uuid, unless record_id_null
  bool record_id_null;
  const char* operation;
  Datum old_data, new_data, changed_columns;  // 0: NULL
};

// nullptr when the log must be written through SQL (see above, or the setting is off).
// C code: inside pg_call.
// rows: how many entries the statement will append (1 avoids the batch buffers).
AuditLogWriter* open_audit_log_writer(Oid audit_log, const StatementColumns& shared, int64 rows);

// Memory for the Datums of entries not yet flushed: reset after every flush.
MemoryContext audit_log_batch_context(AuditLogWriter* writer);

// Adds one entry (buffered; flushed in batches). C++ code: never call inside pg_call.
void append_audit_entry(AuditLogWriter* writer, const EntryColumns& entry);

// Flushes and releases. C code: inside pg_call. Not called when an error unwinds: the
// transaction abort releases the relations, locks and memory.
void close_audit_log_writer(AuditLogWriter* writer);

}  // namespace fitness::audit
