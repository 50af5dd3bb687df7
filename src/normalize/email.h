// E-mail addresses as match keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crmerge::normalize {

struct EmailOptions {
  // Gmail ignores dots and "+tags" in the local part: j.doe+x@gmail.com is jdoe@gmail.com.
  bool gmail_canonical = false;
};

// The key of one address: trimmed, "mailto:" and "Name <...>" removed,
// lower-cased, syntax-checked (a local part of allowed characters, no leading,
// trailing or double dots; a domain of at least two labels with a top-level
// domain of two or more letters). nullopt when it is not an address.
std::optional<std::string> email_key(std::string_view raw, const EmailOptions& options = {});

// The addresses in one cell: "a@x.com; b@y.com", "a@x.com, b@y.com", "a@x.com b@y.com".
std::vector<std::string> email_keys(std::string_view cell, const EmailOptions& options = {});

// A mailbox that belongs to a function, not a person: info@, sales@, noreply@ ...
bool is_role_mailbox(std::string_view email_key);

// The part after '@' of a key ("" when there is none).
std::string_view email_domain(std::string_view email_key);

}  // namespace crmerge::normalize
