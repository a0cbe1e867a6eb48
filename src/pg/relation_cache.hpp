// Per-relation metadata, keyed by OID, built once from the relcache and dropped when
// PostgreSQL invalidates the relation (ALTER TABLE, DROP, ...). Triggers read their
// column layout here instead of the catalogue on every row.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg/guard.hpp"

namespace fitness::pg {

struct ColumnMeta {
  std::string name;
  AttrNumber attnum;
  Oid type_oid;
};

struct RelationMeta {
  Oid relid = InvalidOid;
  std::string schema_name;
  std::string table_name;
  Oid owner = InvalidOid;
  std::vector<ColumnMeta> columns;  // live columns in attribute order
  // Convention columns (schema/README.md), InvalidAttrNumber where a table lacks one.
  AttrNumber id_attnum = InvalidAttrNumber;
  AttrNumber created_at_attnum = InvalidAttrNumber;
  AttrNumber updated_at_attnum = InvalidAttrNumber;
  AttrNumber created_by_attnum = InvalidAttrNumber;
  AttrNumber updated_by_attnum = InvalidAttrNumber;
  AttrNumber is_active_attnum = InvalidAttrNumber;
  AttrNumber deleted_at_attnum = InvalidAttrNumber;
  AttrNumber deleted_by_attnum = InvalidAttrNumber;
  bool valid = false;
  std::uint64_t version = 0;  // new for every rebuild: dependants (kept plans) compare it

  const ColumnMeta* find(const char* column_name) const noexcept;
};

class RelationMetaCache {
 public:
  static RelationMetaCache& instance();

  // Metadata of relid, rebuilt if it was invalidated. The reference stays valid until the
  // next call for the same relation.
  const RelationMeta& get(Oid relid);

  // Relcache callback: mark one relation (or all, for InvalidOid) stale. Never throws.
  void invalidate(Oid relid) noexcept;
  // Drops a relation's entry (it no longer exists). Never throws.
  void forget(Oid relid) noexcept { entries_.erase(relid); }

  std::int64_t size() const noexcept { return static_cast<std::int64_t>(entries_.size()); }

 private:
  RelationMetaCache();
  void build(Oid relid, RelationMeta& meta);

  std::unordered_map<Oid, RelationMeta> entries_;
  std::uint64_t invalidation_count_ = 0;
};

}  // namespace fitness::pg
