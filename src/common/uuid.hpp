// The Uuid value type used by every capability: 16 bytes, hashable, convertible to and
// from PostgreSQL's uuid (common/uuid.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace fitness {

struct Uuid {
  std::array<unsigned char, UUID_LEN> bytes{};
  bool operator==(const Uuid& other) const { return bytes == other.bytes; }
  bool operator!=(const Uuid& other) const { return bytes != other.bytes; }
  static Uuid from(const pg_uuid_t* id) {
    Uuid u;
    std::memcpy(u.bytes.data(), id->data, UUID_LEN);
    return u;
  }
  std::string text() const;
  Datum datum() const;  // palloc'd pg_uuid_t in the current memory context
};

struct UuidHash {
  size_t operator()(const Uuid& u) const noexcept {
    std::uint64_t a, b;
    std::memcpy(&a, u.bytes.data(), 8);
    std::memcpy(&b, u.bytes.data() + 8, 8);
    return static_cast<size_t>(a ^ (b * 0x9E3779B97F4A7C15ULL));
  }
};

std::optional<Uuid> parse_uuid(const std::string& text) noexcept;
bool parse_uuid_text(const char* text, size_t len, Uuid* out) noexcept;

// A uuid[] datum in the current memory context.
Datum uuid_array(const std::vector<Uuid>& ids);

}  // namespace fitness
