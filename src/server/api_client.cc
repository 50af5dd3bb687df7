#include "server/api_client.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "base/files.h"
#include "jobs/data_dir.h"

namespace crmerge::server {

namespace {

httplib::Headers headers_for(const std::string& api_key) {
  httplib::Headers h;
  if (!api_key.empty()) h.emplace("Authorization", "Bearer " + api_key);
  return h;
}

// One piece of a multipart body: literal text, or a file's bytes.
struct Segment {
  std::string text;
  std::string path;  // non-empty: the file's bytes
  uint64_t size = 0;
};

std::string quoted_filename(const std::string& name) {
  std::string out;
  for (char c : name) out += (c == '"' || c == '\\' || c == '\r' || c == '\n') ? '_' : c;
  return out;
}

}  // namespace

ApiClient::ApiClient(ApiClient&&) noexcept = default;
ApiClient& ApiClient::operator=(ApiClient&&) noexcept = default;
ApiClient::~ApiClient() = default;

Result<ApiClient> ApiClient::connect(const std::string& server, const std::string& api_key) {
  std::string s = server;
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0)
    return Status::invalid_input("--server must be an http:// or https:// URL, not '" + server + "'");
  ApiClient c;
  c.server_ = s;
  c.api_key_ = api_key;
  c.client_ = std::make_unique<httplib::Client>(s);
  if (!c.client_->is_valid()) return Status::invalid_input("cannot use the server URL '" + server + "'");
  c.client_->set_connection_timeout(10);
  c.client_->set_read_timeout(300);
  c.client_->set_write_timeout(300);
  return c;
}

Status ApiClient::failed(const std::string& what) const {
  return Status::io_error("cannot reach the crmerge server at " + server_ + " (" + what +
                          "): is `crmerge serve` running there? (--server, or $CRMERGE_SERVER)");
}

Result<ApiResponse> ApiClient::get(const std::string& path) {
  auto res = client_->Get(path.c_str(), headers_for(api_key_));
  if (!res) return failed(httplib::to_string(res.error()));
  return ApiResponse{res->status, res->body};
}

Result<ApiResponse> ApiClient::post(const std::string& path) {
  auto res = client_->Post(path.c_str(), headers_for(api_key_), "", "application/json");
  if (!res) return failed(httplib::to_string(res.error()));
  return ApiResponse{res->status, res->body};
}

Result<ApiResponse> ApiClient::submit(const std::vector<UploadFile>& files, const std::string& options_json,
                                      const std::string& idempotency_key) {
  // The server answers a refused submit (no key, a bad key) before reading
  // the body and closes the connection: the upload would end in a write error
  // without the server's message. Ask first, with a request that has no body.
  CRM_ASSIGN_OR_RETURN(ApiResponse check, get("/v1/jobs?limit=1"));
  if (check.status != 200) return check;
  const std::string boundary = "crmerge-" + jobs::new_job_id();
  std::vector<Segment> segments;
  for (const auto& f : files) {
    CRM_ASSIGN_OR_RETURN(FileInfo info, stat_path(f.path));
    segments.push_back({"--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.part + "\"; filename=\"" +
                            quoted_filename(f.filename) + "\"\r\nContent-Type: text/csv\r\n\r\n",
                        "", 0});
    segments.push_back({"", f.path, info.size});
    segments.push_back({"\r\n", "", 0});
  }
  segments.push_back({"--" + boundary +
                          "\r\nContent-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n" +
                          options_json + "\r\n--" + boundary + "--\r\n",
                      "", 0});
  uint64_t total = 0;
  for (auto& s : segments) {
    if (s.path.empty()) s.size = s.text.size();
    total += s.size;
  }
  // Files are read a megabyte at a time as httplib asks for the bytes at `offset`.
  auto open_files = std::make_shared<std::vector<std::unique_ptr<InputFile>>>(segments.size());
  auto read_failed = std::make_shared<std::string>();  // the file that could not be read
  auto provider = [segments, open_files, read_failed](size_t offset, size_t length, httplib::DataSink& sink) {
    uint64_t start = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
      const Segment& s = segments[i];
      if (offset >= start + s.size) {
        start += s.size;
        continue;
      }
      uint64_t at = offset - start;
      size_t n = static_cast<size_t>(std::min<uint64_t>({s.size - at, length, 1 << 20}));
      if (s.path.empty()) return sink.write(s.text.data() + at, n);
      auto& file = (*open_files)[i];
      if (!file) {
        auto opened = InputFile::open(s.path);
        if (!opened.is_ok()) {
          *read_failed = s.path;
          return false;
        }
        file = std::make_unique<InputFile>(std::move(*opened));
      }
      std::vector<char> buf(n);
      if (!file->read_at(at, buf.data(), n).is_ok()) {
        *read_failed = s.path;
        return false;
      }
      return sink.write(buf.data(), n);
    }
    return false;
  };
  httplib::Headers headers = headers_for(api_key_);
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  auto res = client_->Post("/v1/jobs", headers, static_cast<size_t>(total), provider,
                           ("multipart/form-data; boundary=" + boundary).c_str());
  if (!read_failed->empty()) return Status::io_error("cannot read " + *read_failed + " while sending it");
  // A write that failed (Write), or a provider that stopped on one (Canceled).
  if (!res && (res.error() == httplib::Error::Write || res.error() == httplib::Error::Canceled))
    return Status::io_error("the server at " + server_ + " closed the connection while the files (" +
                            std::to_string(total) +
                            " bytes) were sent: larger than its --max-upload-bytes, or it is shutting down");
  if (!res) return failed(httplib::to_string(res.error()));
  return ApiResponse{res->status, res->body};
}

Result<ApiResponse> ApiClient::download(const std::string& path, const std::string& out_path) {
  const std::string part = out_path + ".crmerge-part";
  std::FILE* f = nullptr;
  ApiResponse response;
  bool write_failed = false;
  auto res = client_->Get(
      path.c_str(), headers_for(api_key_),
      [&](const httplib::Response& r) {
        response.status = r.status;
        if (r.status == 200) f = std::fopen(part.c_str(), "wb");
        return r.status != 200 || f != nullptr;
      },
      [&](const char* data, size_t n) {
        if (!f) {  // an error body
          response.body.append(data, std::min<size_t>(n, 1 << 20));
          return true;
        }
        if (std::fwrite(data, 1, n, f) != n) write_failed = true;
        return !write_failed;
      });
  bool closed = f ? std::fclose(f) == 0 : true;
  if (!res || write_failed || !closed || response.status != 200) {
    (void)remove_all(part);
    if (write_failed || !closed) return Status::io_error("cannot write " + out_path);
    if (!res) {
      if (response.status == 200 && !f) return Status::io_error("cannot create " + out_path);
      return failed(httplib::to_string(res.error()));
    }
    return response;
  }
  if (std::rename(part.c_str(), out_path.c_str()) != 0) {
    (void)remove_all(part);
    return Status::io_error("cannot write " + out_path);
  }
  return response;
}

std::string api_error_message(const ApiResponse& response) {
  auto j = nlohmann::json::parse(response.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("message"))
    return j["error"]["message"].get<std::string>() + " (HTTP " + std::to_string(response.status) + ")";
  return "HTTP " + std::to_string(response.status);
}

}  // namespace crmerge::server
