#include "server/request_checks.h"

#include "base/utf8.h"

namespace crmerge::server {

std::string first_invalid_utf8(const httplib::Request& req) {
  if (!is_valid_utf8(req.path) || !is_valid_utf8(req.target)) return "the path";
  for (const auto& [name, value] : req.params)
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) return "the query";
  for (const auto& [name, value] : req.headers) {
    if (!is_valid_utf8(name)) return "a header's name";
    // The name is valid UTF-8 here, so the message may quote it.
    if (!is_valid_utf8(value)) return "the value of header " + name;
  }
  return "";
}

}  // namespace crmerge::server
