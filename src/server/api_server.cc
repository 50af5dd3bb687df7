// GCC 12's libstdc++ <regex> trips a false -Wmaybe-uninitialized in
// std::function at -O1 with sanitizers (the sanitizer build), reported at
// header lines: the pragma has to come before any include.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "server/api_server.h"

#include <algorithm>
#include <cstring>

namespace crmerge::server {

namespace {

// A connection whose reads come from a buffer and whose writes go to a string.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 1;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 2;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  bool at_end() const { return pos_ == in_.size(); }
  std::string take_output() { return std::move(out_); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  std::string out_;
};

}  // namespace

std::string ApiServer::serve_bytes(std::string_view request) {
  MemoryStream stream(request);
  // One request per round, as httplib's keep-alive loop serves a socket; a
  // request that reads nothing more ends the connection.
  for (int round = 0; round < 100 && !stream.at_end(); ++round) {
    bool closed = false;
    if (!process_request(stream, false, closed, nullptr) || closed) break;
  }
  return stream.take_output();
}

void ApiServer::get(const std::string& pattern, Handler handler) {
  get_routes_.emplace_back(std::regex(pattern), handler);
  Get(pattern, std::move(handler));
}

bool ApiServer::dispatch_get(const httplib::Request& req, httplib::Response& res) const {
  if (req.method != "GET") return false;
  // The Request is httplib's own, passed to its error handler as const.
  auto& r = const_cast<httplib::Request&>(req);
  for (const auto& [pattern, handler] : get_routes_) {
    if (!std::regex_match(r.path, r.matches, pattern)) continue;
    r.ranges.clear();
    res.status = 200;
    res.headers.clear();
    res.body.clear();
    handler(req, res);
    return true;
  }
  return false;
}

}  // namespace crmerge::server
