#include "identity/jwt.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace fitness::identity {
namespace {

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// A strict, small JSON reader: enough to validate a JOSE header or claims set completely,
// and to accept only what PostgreSQL's jsonb accepts (current_claims converts the payload).
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
        if (!claims.emplace(key, std::move(value)).second)
          fail(("duplicate member \"" + printable(key) + "\"").c_str());
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
  void skip_space() {  // JSON whitespace only (strchr would also match a NUL byte)
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
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
          if (!keys.insert(key).second)
            fail(("duplicate member \"" + printable(key) + "\"").c_str());
          skip_space();
          expect(':');
        }
        Claim element = any(depth + 1);
        if (claim.kind == Claim::Kind::Array) {
          if (element.kind == Claim::Kind::String)
            claim.strings.push_back(std::move(element.text));
          else
            claim.only_strings = false;
        }
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
      if (peek() == '0' &&
          std::isdigit(static_cast<unsigned char>(pos_ + 1 < text_.size() ? text_[pos_ + 1] : 'x')))
        fail("malformed number (leading zero)");
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
        size_t digits = pos_;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
        // jsonb keeps numbers as numeric, whose range ends near 1e131072: refuse what it cannot
        // hold.
        if (pos_ - digits > 4 || std::stoi(std::string(text_.substr(digits, pos_ - digits))) > 1000)
          fail("number out of range");
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

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    unsigned code = 0;
    for (int i = 0; i < 4; i++) {
      char h = text_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9')
        code |= h - '0';
      else if (h >= 'a' && h <= 'f')
        code |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        code |= h - 'A' + 10;
      else
        fail("bad \\u escape");
    }
    return code;
  }

  static void append_utf8(std::string* out, unsigned code) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  // One UTF-8 sequence starting at pos_ (RFC 3629: shortest form, no surrogates).
  void copy_utf8(std::string* out) {
    unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    int length = lead >= 0xF0 && lead <= 0xF4   ? 4
                 : lead >= 0xE0 && lead <= 0xEF ? 3
                 : lead >= 0xC2 && lead <= 0xDF ? 2
                                                : 0;
    if (length == 0 || pos_ + length > text_.size()) fail("invalid UTF-8 in string");
    unsigned code = lead & (0xFF >> (length + 1));
    for (int i = 1; i < length; i++) {
      unsigned char next = static_cast<unsigned char>(text_[pos_ + i]);
      if ((next & 0xC0) != 0x80) fail("invalid UTF-8 in string");
      code = code << 6 | (next & 0x3F);
    }
    if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF)))
      fail("invalid UTF-8 in string");
    out->append(text_.substr(pos_, length));
    pos_ += length;
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      char c = text_[pos_];
      if (static_cast<unsigned char>(c) >= 0x80) {
        copy_utf8(&out);
        continue;
      }
      ++pos_;
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          unsigned code = hex4();
          if (code == 0) fail("NUL in string");
          if (code >= 0xDC00 && code <= 0xDFFF) fail("lone low surrogate in string");
          if (code >= 0xD800 && code <= 0xDBFF) {  // a high surrogate must be followed by a low one
            if (text_.substr(pos_, 2) != "\\u") fail("lone high surrogate in string");
            pos_ += 2;
            unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("lone high surrogate in string");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(&out, code);
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

std::string printable(std::string_view value, size_t max_chars) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  size_t shown_chars = 0;
  for (unsigned char c : value) {
    if (shown_chars == max_chars) return out + "...";
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
    ++shown_chars;
  }
  return out;
}

std::optional<Algorithm> algorithm_named(std::string_view name) {
  if (name == "HS256") return Algorithm::HS256;
  if (name == "RS256") return Algorithm::RS256;
  if (name == "ES256") return Algorithm::ES256;
  return std::nullopt;
}

const char* algorithm_name(Algorithm alg) {
  switch (alg) {
    case Algorithm::HS256:
      return "HS256";
    case Algorithm::RS256:
      return "RS256";
    case Algorithm::ES256:
      return "ES256";
  }
  return "?";
}

namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const noexcept { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG, ECDSA_SIG_free>>;
using ParamBldPtr =
    std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;

[[noreturn]] void openssl_fail(const std::string& what) {
  ERR_clear_error();  // the queue is per thread: leave nothing for the next caller
  throw JwtError(what);
}

// SHA-256 fetched once: EVP_sha256() would make OpenSSL 3 look the provider up per call.
const EVP_MD* sha256() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) openssl_fail("SHA-256 is not available in OpenSSL");
  return md;
}

std::string der_fingerprint(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  if (length <= 0) openssl_fail("could not encode the public key");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  int ok = EVP_Digest(der, static_cast<size_t>(length), digest, &digest_length, sha256(), nullptr);
  OPENSSL_free(der);
  if (ok != 1) openssl_fail("could not hash the public key");
  return base64url_encode(std::string_view(reinterpret_cast<char*>(digest), digest_length));
}

std::string pem_of(EVP_PKEY* key) {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PUBKEY(out.get(), key) != 1)
    openssl_fail("could not write the public key as PEM");
  char* data = nullptr;
  long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

BnPtr bignum_of_base64url(std::string_view value, const char* name) {
  std::string bytes;
  try {
    bytes = base64url_decode(value);
  } catch (const JwtError& e) {
    throw JwtError(std::string("JWK member \"") + name + "\" is not base64url: " + e.what());
  }
  BnPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<int>(bytes.size()), nullptr));
  if (!bn) openssl_fail("out of memory reading a JWK");
  return bn;
}

PkeyPtr public_key_from_params(const char* type, OSSL_PARAM* params) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
    openssl_fail(std::string("the JWK is not a valid ") + type + " public key");
  PkeyPtr owned(key);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1)
    openssl_fail(std::string("the JWK is not a valid ") + type + " public key");
  return owned;
}

}  // namespace

struct VerificationKey::PublicKey {
  PkeyPtr key;
  // Set up once and reused: OpenSSL 3 spends about as long preparing a verification as an
  // RSA verification takes. (OpenSSL allows repeated EVP_PKEY_verify on one context.)
  PkeyCtxPtr verifier;
};

VerificationKey VerificationKey::from_material(Algorithm alg, std::string_view material) {
  VerificationKey result;
  result.alg_ = alg;
  if (alg == Algorithm::HS256) {
    // RFC 7518 3.2: the key must be at least as long as the hash output.
    if (material.size() < 32) throw JwtError("an HS256 secret must be at least 32 bytes");
    result.secret_ = std::string(material);
    return result;
  }
  if (material.find("PRIVATE KEY") != std::string_view::npos)
    throw JwtError("the key holds a private key: give the public key only");
  if (material.find("-----BEGIN PUBLIC KEY-----") == std::string_view::npos)
    throw JwtError(std::string("the key of an ") + algorithm_name(alg) +
                   " key must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
  BioPtr in(BIO_new_mem_buf(material.data(), static_cast<int>(material.size())));
  if (!in) openssl_fail("out of memory reading a PEM key");
  PkeyPtr key(PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr));
  if (!key) openssl_fail("the key is not a readable PEM public key");
  if (alg == Algorithm::RS256) {
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
      openssl_fail("an RS256 key must be an RSA public key");
    if (EVP_PKEY_get_bits(key.get()) < 2048)
      openssl_fail("an RS256 key must have at least 2048 bits");
  } else {
    char group[64] = "";
    size_t group_length = 0;
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
        EVP_PKEY_get_group_name(key.get(), group, sizeof group, &group_length) != 1 ||
        std::string_view(group, group_length) != "prime256v1")
      openssl_fail("an ES256 key must be an EC public key on curve P-256");
  }
  // A parseable key is not yet a sound one: an RSA exponent of 1 (anyone can sign for it),
  // an even modulus, a point off the curve are refused here as they are for JWKs.
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1)
    openssl_fail("the public key fails OpenSSL's key check");
  result.fingerprint_ = der_fingerprint(key.get());
  result.pem_ = pem_of(key.get());
  result.public_key_ = std::make_shared<PublicKey>(PublicKey{std::move(key)});
  return result;
}

std::string VerificationKey::pem_from_rsa_jwk(std::string_view n, std::string_view e) {
  BnPtr modulus = bignum_of_base64url(n, "n");
  BnPtr exponent = bignum_of_base64url(e, "e");
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), "n", modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), "e", exponent.get()) != 1)
    openssl_fail("out of memory reading a JWK");
  ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (!params) openssl_fail("out of memory reading a JWK");
  PkeyPtr key = public_key_from_params("RSA", params.get());
  return pem_of(key.get());
}

std::string VerificationKey::pem_from_ec_jwk(std::string_view crv, std::string_view x,
                                             std::string_view y) {
  if (crv != "P-256")
    throw JwtError("JWK curve \"" + printable(crv) + "\" is not accepted (only P-256)");
  std::string point = "\x04";
  for (auto [value, name] : {std::pair{x, "x"}, std::pair{y, "y"}}) {
    std::string bytes;
    try {
      bytes = base64url_decode(value);
    } catch (const JwtError& e) {
      throw JwtError(std::string("JWK member \"") + name + "\" is not base64url: " + e.what());
    }
    if (bytes.size() != 32)
      throw JwtError(std::string("JWK member \"") + name + "\" must be 32 bytes for P-256");
    point += bytes;
  }
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), "group", "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), "pub", point.data(), point.size()) != 1)
    openssl_fail("out of memory reading a JWK");
  ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  if (!params) openssl_fail("out of memory reading a JWK");
  PkeyPtr key = public_key_from_params("EC", params.get());
  return pem_of(key.get());
}

bool VerificationKey::verify(std::string_view signing_input, std::string_view signature) const {
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (alg_ == Algorithm::HS256) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (HMAC(sha256(), secret_.data(), static_cast<int>(secret_.size()), input,
             signing_input.size(), mac, &mac_len) == nullptr)
      openssl_fail("HMAC computation failed");
    return signature.size() == mac_len && CRYPTO_memcmp(signature.data(), mac, mac_len) == 0;
  }
  std::string der;
  std::string_view checked = signature;
  if (alg_ == Algorithm::ES256) {
    // JWS (RFC 7518 3.4) signs ES256 as the raw 32-byte r and s; OpenSSL verifies DER.
    if (signature.size() != 64) return false;
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    SigPtr sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(raw, 32, nullptr);
    BIGNUM* s = BN_bin2bn(raw + 32, 32, nullptr);
    if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
      BN_free(r);
      BN_free(s);
      openssl_fail("out of memory verifying a signature");
    }
    unsigned char* encoded = nullptr;
    int length = i2d_ECDSA_SIG(sig.get(), &encoded);
    if (length <= 0) openssl_fail("could not encode the signature");
    der.assign(reinterpret_cast<char*>(encoded), static_cast<size_t>(length));
    OPENSSL_free(encoded);
    checked = der;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_Digest(input, signing_input.size(), digest, &digest_length, sha256(), nullptr) != 1)
    openssl_fail("could not hash the token");
  PkeyCtxPtr& verifier = public_key_->verifier;
  if (!verifier) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, public_key_->key.get(), nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
        (alg_ == Algorithm::RS256 &&
         EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256()) != 1)
      openssl_fail("could not start verifying a signature");
    verifier = std::move(ctx);
  }
  int ok = EVP_PKEY_verify(verifier.get(), reinterpret_cast<const unsigned char*>(checked.data()),
                           checked.size(), digest, digest_length);
  ERR_clear_error();  // a bad signature leaves an entry in the queue
  return ok == 1;
}

ParsedToken parse_token(std::string_view token) {
  if (token.size() > kMaxTokenBytes)
    throw JwtError("token is larger than " + std::to_string(kMaxTokenBytes / 1024) + " kB");
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos ||
      token.find('.', second + 1) != std::string_view::npos)
    throw JwtError("malformed token: expected three dot-separated parts");

  ParsedToken parsed;
  parsed.signing_input = token.substr(0, second);
  parsed.payload_part = token.substr(first + 1, second - first - 1);
  Claims header;
  try {
    header = parse_json_object(base64url_decode(token.substr(0, first)));
  } catch (const JwtError& e) {
    throw JwtError(std::string("malformed token header: ") + e.what());
  }
  auto alg = header.find("alg");
  if (alg == header.end() || alg->second.kind != Claim::Kind::String)
    throw JwtError("token header has no alg");
  parsed.alg = alg->second.text;
  if (!algorithm_named(parsed.alg))  // "none" among them
    throw JwtError("token algorithm \"" + printable(parsed.alg) +
                   "\" is not accepted (HS256, RS256, ES256)");
  // RFC 7515 4.1.11: extensions we do not understand must not be ignored.
  if (header.count("crit") != 0) throw JwtError("token header has unsupported crit parameters");
  auto kid = header.find("kid");
  if (kid != header.end()) {
    if (kid->second.kind != Claim::Kind::String) throw JwtError("token header kid is not a string");
    parsed.kid = kid->second.text;
  }
  try {
    parsed.signature = base64url_decode(token.substr(second + 1));
  } catch (const JwtError& e) {
    throw JwtError(std::string("malformed token signature: ") + e.what());
  }
  return parsed;
}

VerifiedToken verify_token(const ParsedToken& token, const VerificationKey& key,
                           const KeyRequirements& requirements, std::int64_t now_seconds,
                           std::int64_t leeway_seconds) {
  // The key decides the algorithm: a header naming another one (HS256 over an RSA key's
  // public text, "none") is refused before any signature is computed.
  if (token.alg != algorithm_name(key.algorithm()))
    throw JwtError("token algorithm \"" + printable(token.alg) + "\" does not match its key's " +
                   algorithm_name(key.algorithm()));
  if (!key.verify(token.signing_input, token.signature))
    throw JwtError("token signature does not match");

  VerifiedToken verified;
  try {
    verified.payload_json = base64url_decode(token.payload_part);
    verified.claims = parse_json_object(verified.payload_json);
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

  if (requirements.issuer != nullptr) {
    auto iss = verified.claims.find("iss");
    if (iss == verified.claims.end())
      throw JwtError("token has no iss claim (its key requires one)");
    if (iss->second.kind != Claim::Kind::String || iss->second.text != *requirements.issuer)
      throw JwtError("token issuer does not match its key's");
  }
  if (requirements.audience != nullptr) {
    auto aud = verified.claims.find("aud");
    if (aud == verified.claims.end())
      throw JwtError("token has no aud claim (its key requires one)");
    const Claim& value = aud->second;
    bool listed = value.kind == Claim::Kind::String ? value.text == *requirements.audience
                  : value.kind == Claim::Kind::Array
                      ? std::find(value.strings.begin(), value.strings.end(),
                                  *requirements.audience) != value.strings.end()
                      : false;
    if (!listed) throw JwtError("token audience does not include its key's");
  }
  return verified;
}

}  // namespace fitness::identity
