// Checks made on every request before a handler reads it (a request is
// untrusted until it is parsed).
#pragma once

#include <httplib.h>

#include <string>

namespace crmerge::server {

// What of `req` is not valid UTF-8 ("the path", "the query", "the header
// name ...", "the value of header X"), or "" when all of it is: the decoded
// path, every query parameter's name and value, and every header's name and
// value.
std::string first_invalid_utf8(const httplib::Request& req);

}  // namespace crmerge::server
