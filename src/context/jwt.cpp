#include "context/jwt.hpp"

#include <cmath>
#include <cstring>
#include <set>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace fitness::context {
namespace {

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// A strict, small JSON reader: enough to validate a JOSE header or claims set completely.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Claims object() {
    skip_space();
    Claims claims;
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++pos_;
    } else {
      for (;;) {
        skip_space();
        std::string key = string();
        skip_space();
        expect(':');
        Claim value = any(0);
        // RFC 7515 4: a JOSE header or claims set with a duplicate member is refused (the
        // alternative, "last one wins", lets two parsers read two different tokens).
        if (!claims.emplace(key, std::move(value)).second) fail(("duplicate member \"" + key + "\"").c_str());
        skip_space();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect('}');
        break;
      }
    }
    skip_space();
    if (pos_ != text_.size()) fail("trailing characters after the JSON object");
    return claims;
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw JwtError(std::string(what) + " at offset " + std::to_string(pos_));
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail((std::string("expected '") + c + "'").c_str());
    ++pos_;
  }
  void skip_space() {
    while (pos_ < text_.size() && std::strchr(" \t\r\n", text_[pos_]) != nullptr) ++pos_;
  }

  Claim any(int depth) {
    if (depth > 32) fail("JSON nested too deeply");
    skip_space();
    char c = peek();
    Claim claim{};
    if (c == '"') {
      claim.kind = Claim::Kind::String;
      claim.text = string();
    } else if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      claim.kind = c == '{' ? Claim::Kind::Object : Claim::Kind::Array;
      ++pos_;
      skip_space();
      if (peek() == close) {
        ++pos_;
        return claim;
      }
      std::set<std::string> keys;
      for (;;) {
        if (claim.kind == Claim::Kind::Object) {
          skip_space();
          std::string key = string();
          if (!keys.insert(key).second) fail(("duplicate member \"" + key + "\"").c_str());
          skip_space();
          expect(':');
        }
        any(depth + 1);
        skip_space();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect(close);
        break;
      }
    } else if (literal("true")) {
      claim.kind = Claim::Kind::Bool;
      claim.number = 1;
    } else if (literal("false")) {
      claim.kind = Claim::Kind::Bool;
    } else if (literal("null")) {
      claim.kind = Claim::Kind::Null;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      claim.kind = Claim::Kind::Number;
      size_t start = pos_;
      if (peek() == '-') ++pos_;
      if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("malformed number");
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
      if (peek() == '.') {
        ++pos_;
        if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("malformed number");
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
      }
      if (peek() == 'e' || peek() == 'E') {
        ++pos_;
        if (peek() == '+' || peek() == '-') ++pos_;
        if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("malformed number");
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
      }
      claim.text = std::string(text_.substr(start, pos_ - start));
      claim.number = std::strtod(claim.text.c_str(), nullptr);
    } else {
      fail("unexpected character in JSON");
    }
    return claim;
  }

  bool literal(const char* word) {
    size_t len = std::strlen(word);
    if (text_.substr(pos_, len) != word) return false;
    pos_ += len;
    return true;
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          if (pos_ + 4 > text_.size()) fail("short \\u escape");
          unsigned code = 0;
          for (int i = 0; i < 4; i++) {
            char h = text_[pos_++];
            code <<= 4;
            if (h >= '0' && h <= '9') code |= h - '0';
            else if (h >= 'a' && h <= 'f') code |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') code |= h - 'A' + 10;
            else fail("bad \\u escape");
          }
          if (code == 0) fail("NUL in string");
          // UTF-8 encode the BMP code point (surrogate pairs kept as two units: claims we
          // read are ids and codes, never astral text).
          if (code < 0x80) {
            out.push_back(static_cast<char>(code));
          } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
          } else {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
          }
          break;
        }
        default:
          fail("bad escape in string");
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string base64url_decode(std::string_view input) {
  if (input.empty()) throw JwtError("empty base64url part");
  if (input.size() % 4 == 1) throw JwtError("truncated base64url part");
  std::string out;
  out.reserve(input.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : input) {
    int v = base64url_value(c);
    if (v < 0) throw JwtError("invalid base64url character");
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  // Leftover bits must be zero (canonical encoding).
  if ((buffer & ((1u << bits) - 1)) != 0) throw JwtError("non-canonical base64url part");
  return out;
}

std::string base64url_encode(std::string_view input) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : input) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

Claims parse_json_object(std::string_view json) { return JsonReader(json).object(); }

VerifiedToken verify_hs256(std::string_view token, std::string_view secret,
                           std::int64_t now_seconds, std::int64_t leeway_seconds) {
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos ||
      token.find('.', second + 1) != std::string_view::npos)
    throw JwtError("malformed token: expected three dot-separated parts");

  std::string_view header_part = token.substr(0, first);
  std::string_view payload_part = token.substr(first + 1, second - first - 1);
  std::string_view signature_part = token.substr(second + 1);

  Claims header;
  try {
    header = parse_json_object(base64url_decode(header_part));
  } catch (const JwtError& e) {
    throw JwtError(std::string("malformed token header: ") + e.what());
  }
  auto alg = header.find("alg");
  if (alg == header.end() || alg->second.kind != Claim::Kind::String)
    throw JwtError("token header has no alg");
  if (alg->second.text != "HS256")
    throw JwtError("token algorithm \"" + alg->second.text + "\" is not accepted (only HS256)");
  if (header.count("crit") != 0) throw JwtError("token header has unsupported crit parameters");

  std::string signature;
  try {
    signature = base64url_decode(signature_part);
  } catch (const JwtError& e) {
    throw JwtError(std::string("malformed token signature: ") + e.what());
  }
  if (secret.empty()) throw JwtError("no fitness.jwt_secret is configured");

  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  std::string_view signing_input = token.substr(0, second);
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
           mac, &mac_len) == nullptr)
    throw JwtError("HMAC computation failed");
  if (signature.size() != mac_len || CRYPTO_memcmp(signature.data(), mac, mac_len) != 0)
    throw JwtError("token signature does not match");

  VerifiedToken verified;
  try {
    verified.claims = parse_json_object(base64url_decode(payload_part));
  } catch (const JwtError& e) {
    throw JwtError(std::string("malformed token payload: ") + e.what());
  }

  auto numeric = [&](const char* name) -> std::optional<double> {
    auto found = verified.claims.find(name);
    if (found == verified.claims.end()) return std::nullopt;
    if (found->second.kind != Claim::Kind::Number || !std::isfinite(found->second.number))
      throw JwtError(std::string("token claim ") + name + " is not a number");
    return found->second.number;
  };
  std::optional<double> exp = numeric("exp");
  std::optional<double> nbf = numeric("nbf");
  std::optional<double> iat = numeric("iat");
  if (!exp) throw JwtError("token has no exp claim");
  // PostgreSQL's timestamps end in 294276, RFC 7519 dates are seconds since 1970: a claim past
  // 9999-12-31T23:59:59Z is not a date any issuer means.
  constexpr double kLastSecond = 253402300799.0;
  for (auto [name, value] : {std::pair{"exp", exp}, std::pair{"nbf", nbf}, std::pair{"iat", iat}})
    if (value && (*value > kLastSecond || *value < 0))
      throw JwtError(std::string("token claim ") + name + " is not a date between 1970 and 9999");
  if (static_cast<double>(now_seconds) >= *exp + static_cast<double>(leeway_seconds))
    throw JwtError("token expired");
  if (nbf && static_cast<double>(now_seconds) + static_cast<double>(leeway_seconds) < *nbf)
    throw JwtError("token not yet valid (nbf)");
  if (iat && static_cast<double>(now_seconds) + static_cast<double>(leeway_seconds) < *iat)
    throw JwtError("token issued in the future (iat)");
  return verified;
}

}  // namespace fitness::context
