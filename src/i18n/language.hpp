// Language tags (BCP 47) and the fallback chains of platform.language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace fitness::i18n {

// The tag in canonical case: language lower-case, Script title-case, REGION upper-case,
// variants, extensions and private use lower-case ("PT-br" -> "pt-BR"). Throws 22023
// naming the tag when it is not a well-formed BCP 47 language tag.
std::string normalize_tag(const std::string& tag);

// The languages to try for a normalized tag, best first: the tag itself or, when it is not
// configured (or not active), its longest configured truncation (pt-PT -> pt); then that
// language's fallback_code chain (inactive languages on the way are skipped, their own
// fallback followed); then the default language (system setting default_language) if the
// chain did not reach it. A tag with no configured truncation gets the default's chain.
// The reference is valid until the next call.
const std::vector<std::string>& fallback_chain(const std::string& normalized_tag);

// The text search configuration of a configured language (the default's when the code is
// not configured).
Oid text_search_config(const std::string& code);

// The chain for a function's language argument n: the normalized tag when it is given,
// else the acting user's language (user_mgmt.app_user.language_code), else the default.
const std::vector<std::string>& requested_chain(FunctionCallInfo fcinfo, int n);

}  // namespace fitness::i18n
