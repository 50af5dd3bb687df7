// httplib's Server, able also to
// - serve requests read from bytes in memory, as one connection would serve
//   them: the HTTP fuzz target and tests drive the very handlers `serve`
//   runs, with no socket;
// - serve a GET that httplib refused before routing because it could not
//   parse its Range header, which RFC 9110 lets a server ignore.
#pragma once

#include <httplib.h>

#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crmerge::server {

class ApiServer : public httplib::Server {
 public:
  // Serves every request in `request` (keep-alive, in order) and returns all
  // the bytes the server wrote back. Handlers run on the calling thread.
  std::string serve_bytes(std::string_view request);

  // Registers a GET handler with httplib, and in a table of this class's own
  // for dispatch_get.
  void get(const std::string& pattern, Handler handler);
  // Runs the GET handler whose pattern matches the whole of req.path (filling
  // req.matches as httplib does), with the request's ranges dropped; false
  // when the request is not a GET or no pattern matches.
  bool dispatch_get(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::vector<std::pair<std::regex, Handler>> get_routes_;
};

}  // namespace crmerge::server
