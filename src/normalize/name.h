// Person names, folded for comparison: lower case, Latin accents removed
// (Müller -> muller, Łukasz -> lukasz, ß -> ss), the German spellings of
// umlauts folded alike (Guenther -> gunther, like Günther), punctuation and
// spaces dropped. Other scripts are kept as they are.
#pragma once

#include <string>
#include <string_view>

namespace crmerge::normalize {

std::string name_key(std::string_view raw);
void name_key_into(std::string_view raw, std::string& out);  // the same, into `out` (its buffer reused)

// True when the key holds only Latin letters and digits (a name in another
// script cannot be compared with its transliteration: 松本 vs Matsumoto).
bool is_latin_key(std::string_view key);

// A first-name key with common English nicknames mapped to the full name
// (bill -> william, bob -> robert, peggy -> margaret ...), so that Bill and
// William do not "clearly disagree".
std::string canonical_first_name(std::string key);

// Splits "Jane Q. Doe" / "Doe, Jane" into first and last name keys.
void split_full_name(std::string_view full, std::string& first_key, std::string& last_key);


}  // namespace crmerge::normalize
