// Compact JWS (RFC 7515) verification for HS256, RS256 and ES256 tokens, without PostgreSQL
// calls: every failure is a JwtError whose text says which check failed. The key ring
// (keyring.cpp) chooses the key; the algorithm is always the key's, never the token's.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fitness::identity {

class JwtError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A top-level claim value: strings and numbers are kept, arrays keep their string elements,
// other JSON kinds only by kind.
struct Claim {
  enum class Kind { String, Number, Bool, Null, Object, Array } kind;
  std::string text;  // String: decoded value; Number: the literal
  double number = 0;
  std::vector<std::string> strings;  // Array: its string elements
  bool only_strings = true;          // Array: no element of another kind
};

using Claims = std::map<std::string, Claim>;

std::string base64url_decode(std::string_view input);  // throws JwtError
std::string base64url_encode(std::string_view input);

// Parses a JSON object; throws JwtError on anything that is not one well-formed object
// (valid UTF-8, no duplicate member at any depth, no NUL, no lone surrogate).
Claims parse_json_object(std::string_view json);

// A value from a token or a caller, fit for an error message and the server log in any
// client encoding: printable ASCII kept, every other byte as \xNN, at most max_chars.
std::string printable(std::string_view value, size_t max_chars = 80);

enum class Algorithm { HS256, RS256, ES256 };
std::optional<Algorithm> algorithm_named(std::string_view name);
const char* algorithm_name(Algorithm alg);

// Tokens larger than this are refused before anything is decoded.
constexpr size_t kMaxTokenBytes = 16 * 1024;

// A key as the ring holds it: the HS256 secret (at least 32 bytes) or a PEM public key
// (RSA of at least 2048 bits for RS256, EC P-256 for ES256). Immutable, cheap to copy.
class VerificationKey {
 public:
  // Throws JwtError naming what is wrong with the material (never quoting it).
  static VerificationKey from_material(Algorithm alg, std::string_view material);
  // PEM text of a JWK's public key (RSA n/e, EC P-256 x/y, base64url); throws JwtError.
  static std::string pem_from_rsa_jwk(std::string_view n, std::string_view e);
  static std::string pem_from_ec_jwk(std::string_view crv, std::string_view x, std::string_view y);

  Algorithm algorithm() const { return alg_; }
  // SHA-256 of the DER public key, base64url (public keys only; empty for HS256).
  const std::string& fingerprint() const { return fingerprint_; }
  // The public key as PEM, re-encoded from the parsed key (nothing else the material held);
  // empty for HS256.
  const std::string& pem() const { return pem_; }
  bool verify(std::string_view signing_input, std::string_view signature) const;

 private:
  struct PublicKey;
  Algorithm alg_ = Algorithm::HS256;
  std::string secret_;
  std::shared_ptr<PublicKey> public_key_;
  std::string fingerprint_;
  std::string pem_;
};

// A token split into its parts with its header read; nothing verified yet.
struct ParsedToken {
  std::string alg;  // as the header says (compared with the key's)
  std::optional<std::string> kid;
  std::string_view signing_input;  // header.payload, the bytes signed
  std::string_view payload_part;
  std::string signature;
};
ParsedToken parse_token(std::string_view token);

// What the key that verifies a token requires of its claims.
struct KeyRequirements {
  const std::string* issuer = nullptr;    // iss must equal it
  const std::string* audience = nullptr;  // aud (string or array) must contain it
};

struct VerifiedToken {
  Claims claims;
  std::string payload_json;  // the decoded claims set, as signed
};

// Checks the signature with key (whose algorithm the header's alg must name), then exp
// (required), nbf and iat against now_seconds with leeway (dates between 1970 and 9999),
// then iss and aud as the key requires.
VerifiedToken verify_token(const ParsedToken& token, const VerificationKey& key,
                           const KeyRequirements& requirements, std::int64_t now_seconds,
                           std::int64_t leeway_seconds);

}  // namespace fitness::identity
