#include "common/uuid.hpp"

namespace fitness {

std::string Uuid::text() const {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < UUID_LEN; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(hex[bytes[i] >> 4]);
    out.push_back(hex[bytes[i] & 0xF]);
  }
  return out;
}

Datum Uuid::datum() const {
  const unsigned char* data = bytes.data();
  return pg::pg_call([&] {
    auto* id = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
    std::memcpy(id->data, data, UUID_LEN);
    return UUIDPGetDatum(id);
  });
}

Datum uuid_array(const std::vector<Uuid>& ids) {
  int count = static_cast<int>(ids.size());
  const Uuid* data = ids.data();
  return pg::pg_call([&] {
    Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (count + 1)));
    for (int i = 0; i < count; i++) {
      auto* id = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
      std::memcpy(id->data, data[i].bytes.data(), UUID_LEN);
      elems[i] = UUIDPGetDatum(id);
    }
    return PointerGetDatum(construct_array(elems, count, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
  });
}

std::optional<Uuid> parse_uuid(const std::string& text) noexcept {
  Uuid u;
  if (!parse_uuid_text(text.data(), text.size(), &u)) return std::nullopt;
  return u;
}

bool parse_uuid_text(const char* text, size_t len, Uuid* out) noexcept {
  // Canonical 8-4-4-4-12 form, any case.
  if (len != 36) return false;
  Uuid& u = *out;
  int byte = 0;
  for (size_t i = 0; i < len;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      ++i;
      continue;
    }
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    u.bytes[byte++] = static_cast<unsigned char>(hi << 4 | lo);
    i += 2;
  }
  return true;
}

}  // namespace fitness
