// A client of the job service's HTTP API (docs/http-api.md), for
// `crmerge jobs`: uploads stream from disk, downloads stream to disk.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace httplib {
class Client;
}

namespace crmerge::server {

struct ApiResponse {
  int status = 0;
  std::string body;  // JSON (a Job, a list, or {"error": ...})
};

struct UploadFile {
  std::string part;      // "crm" or "enrich"
  std::string path;      // read from here
  std::string filename;  // sent as the part's file name
};

class ApiClient {
 public:
  // `server` is "http://host:port" (a trailing '/' is ignored); `api_key` may be "".
  static Result<ApiClient> connect(const std::string& server, const std::string& api_key);
  ApiClient(ApiClient&&) noexcept;
  ApiClient& operator=(ApiClient&&) noexcept;
  ~ApiClient();

  // POST /v1/jobs as multipart/form-data: the files (streamed), then the options part.
  Result<ApiResponse> submit(const std::vector<UploadFile>& files, const std::string& options_json,
                             const std::string& idempotency_key);
  Result<ApiResponse> get(const std::string& path);
  Result<ApiResponse> post(const std::string& path);
  // GET `path` into `out_path` (written through a temporary file, renamed when
  // complete). A non-200 answer leaves no file and is returned as it is.
  Result<ApiResponse> download(const std::string& path, const std::string& out_path);

  const std::string& server() const { return server_; }

 private:
  ApiClient() = default;
  Status failed(const std::string& what) const;

  std::string server_;
  std::string api_key_;
  std::unique_ptr<httplib::Client> client_;
};

// The error message of an API error body ("HTTP <status>" when it has none).
std::string api_error_message(const ApiResponse& response);

}  // namespace crmerge::server
