// Compact JWS (RFC 7515) verification for HS256 tokens, without PostgreSQL calls: every
// failure is a JwtError whose text says which check failed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fitness::context {

class JwtError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A top-level claim value: strings and numbers are kept, other JSON kinds only by kind.
struct Claim {
  enum class Kind { String, Number, Bool, Null, Object, Array } kind;
  std::string text;  // String: decoded value; Number: the literal
  double number = 0;
};

using Claims = std::map<std::string, Claim>;

std::string base64url_decode(std::string_view input);  // throws JwtError
std::string base64url_encode(std::string_view input);

// Parses a JSON object; throws JwtError on anything that is not one well-formed object.
Claims parse_json_object(std::string_view json);

struct VerifiedToken {
  Claims claims;
};

// Checks structure (no duplicate members), header (alg must be HS256), signature
// (constant-time), exp, nbf and iat against now_seconds with leeway (dates between 1970 and
// 9999). Throws JwtError with the reason.
VerifiedToken verify_hs256(std::string_view token, std::string_view secret,
                           std::int64_t now_seconds, std::int64_t leeway_seconds);

}  // namespace fitness::context
