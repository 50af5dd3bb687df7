// POST /v1/jobs: a multipart upload streamed to disk part by part (never held
// in memory), or a JSON body naming files under the allowed root.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "base/beneath.h"
#include "base/files.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "jobs/data_dir.h"
#include "jobs/job_spec.h"
#include "jobs/runner.h"
#include "server/http_util.h"

namespace crmerge::server {

namespace {

using nlohmann::json;
constexpr size_t kMaxOptionsBytes = 1 << 20;
constexpr size_t kMaxIdempotencyKey = 200;

// Registers an upload folder as being written, and removes the folder on
// failure (kept once a job owns it).
class UploadArea {
 public:
  UploadArea(ApiContext& ctx, std::string id) : ctx_(ctx), id_(std::move(id)), dir_(ctx.dir.uploads(id_)) {
    std::lock_guard<std::mutex> lock(ctx_.uploads_mutex);
    ctx_.uploads_in_progress.insert(id_);
  }
  ~UploadArea() {
    if (!kept_) (void)remove_all(dir_);
    std::lock_guard<std::mutex> lock(ctx_.uploads_mutex);
    ctx_.uploads_in_progress.erase(id_);
  }
  const std::string& dir() const { return dir_; }
  void keep() { kept_ = true; }

 private:
  ApiContext& ctx_;
  std::string id_, dir_;
  bool kept_ = false;
};

// One part's file being written.
struct PartFile {
  std::FILE* f = nullptr;
  ~PartFile() { close(); }
  bool close() {
    bool ok = true;
    if (f) ok = std::fclose(f) == 0;
    f = nullptr;
    return ok;
  }
};

bool is_usable_file_name(const std::string& name) { return !name.empty() && name.size() <= 255; }

// A path input of a JSON submit: an absolute path beneath the tenant's
// allowed root, opened there with no symlink followed, of a regular file.
// nullopt after answering 400 (not a path input, no such file, not a file) or
// 403 (relative, outside the root, through a symlink): the same 403 whether
// or not a refused path exists.
std::optional<jobs::JobInput> path_input(const std::string& root, const json& j, const std::string& what,
                                         httplib::Response& res) {
  jobs::JobInput in;
  if (j.is_string()) {
    in.path = j.get<std::string>();
  } else if (j.is_object() && j.contains("path") && j["path"].is_string() &&
             (!j.contains("label") || j["label"].is_string())) {
    in.path = j["path"].get<std::string>();
    in.label = j.value("label", std::string());
  } else {
    send_error(res, 400, "invalid_request", what + " must be a path or {\"label\": ..., \"path\": ...}");
    return std::nullopt;
  }
  BeneathOpen opened = open_beneath(root, in.path);
  switch (opened.result) {
    case BeneathResult::kOpened:
      break;
    case BeneathResult::kRefused:
      send_error(res, 403, "forbidden",
                 what + ": " + in.path + " is not an absolute path beneath your allowed root (no symlinks, no '..')");
      return std::nullopt;
    case BeneathResult::kMissing:
      send_error(res, 400, "invalid_request", what + ": " + in.path + " does not exist");
      return std::nullopt;
    case BeneathResult::kNotAFile:
      send_error(res, 400, "invalid_request", what + ": " + in.path + " is not a file");
      return std::nullopt;
    case BeneathResult::kIoError:
      send_error(res, 500, "internal", what + ": the file could not be opened");
      return std::nullopt;
  }
  in.root = root;
  in.identity = opened.identity;
  in.name = base_name(in.path);
  in.bytes = opened.identity.size;
  return in;
}

std::vector<const jobs::JobInput*> all_inputs(const jobs::JobSpec& spec) {
  std::vector<const jobs::JobInput*> out{&spec.crm};
  for (const auto& v : spec.enrich) out.push_back(&v);
  return out;
}

}  // namespace

void submit_job(ApiContext& ctx, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) {
  auto tenant = authenticate(ctx, req, res);
  if (!tenant) return;
  if (ctx.shutting_down) return send_error(res, 503, "unavailable", "the server is shutting down; submit again later");
  if (refuse_declared_body_over(req, ctx.config.max_upload_bytes, res)) return;
  std::string idem = req.get_header_value("Idempotency-Key");
  if (idem.size() > kMaxIdempotencyKey)
    return send_error(res, 400, "invalid_request", "the Idempotency-Key header is longer than 200 characters");

  jobs::JobRecord job;
  job.id = jobs::new_job_id();
  job.tenant = *tenant;
  job.idempotency_key = idem;
  jobs::JobSpec spec;
  std::string options_text;
  std::unique_ptr<UploadArea> area;
  // The request's identity, for Idempotency-Key: its parts in order with each
  // file's content hash (path inputs: the file's identity), then the options
  // as canonical JSON. A retry with another multipart boundary or key order
  // is the same request.
  std::string identity;

  if (req.is_multipart_form_data()) {
    area = std::make_unique<UploadArea>(ctx, job.id);
    Status made = make_directories(area->dir());
    if (!made.is_ok()) return send_error(res, 500, "internal", "cannot store the upload: " + made.message());
    PartFile file;
    std::string part;       // the current part's name
    std::string error;      // why the body was refused
    int error_status = 400;
    uint64_t received = 0;
    bool have_crm = false;
    jobs::JobInput* current = nullptr;
    std::optional<ContentHasher> hasher;  // the current file part's content
    auto end_part = [&] {
      if (hasher) identity += "\t" + hasher->hex_digest();
      hasher.reset();
    };
    bool ok = reader(
        [&](const httplib::MultipartFormData& header) {
          if (!file.close()) {
            error = "cannot write the upload to disk";
            error_status = 500;
            return false;
          }
          if (!is_valid_utf8(header.name) || !is_valid_utf8(header.filename) || !is_valid_utf8(header.content_type)) {
            error = "a form part's name, file name or content type is not valid UTF-8";
            return false;
          }
          end_part();
          part = header.name;
          current = nullptr;
          identity += "\npart\t" + part;
          if (part == "options") return true;
          if (part != "crm" && part != "enrich") {
            error = "unknown form part \"" + part + "\": expected crm, enrich or options";
            return false;
          }
          if (part == "crm" && have_crm) {
            error = "more than one crm part: a job merges one CRM file";
            return false;
          }
          jobs::JobInput in;
          // The name messages and labels use: the upload's file name without any folders.
          std::string name = header.filename.empty() ? "" : base_name(header.filename);
          in.name = is_usable_file_name(name) ? name : part + ".csv";
          if (part == "crm") {
            have_crm = true;
            in.path = area->dir() + "/crm.csv";
            spec.crm = in;
            current = &spec.crm;
          } else {
            in.path = area->dir() + "/enrich-" + std::to_string(spec.enrich.size() + 1) + ".csv";
            spec.enrich.push_back(in);
            current = &spec.enrich.back();
          }
          hasher.emplace();
          file.f = std::fopen(current->path.c_str(), "wb");
          if (!file.f) {
            error = "cannot store the upload";
            error_status = 500;
            return false;
          }
          return true;
        },
        [&](const char* data, size_t n) {
          received += n;
          ctx.metrics.add_upload_bytes(n);
          if (received > ctx.config.max_upload_bytes) {
            error = "the upload is larger than this server accepts (" + std::to_string(ctx.config.max_upload_bytes) +
                    " bytes)";
            error_status = 413;
            return false;
          }
          if (part == "options") {
            if (options_text.size() + n > kMaxOptionsBytes) {
              error = "the options part is larger than 1 MiB";
              return false;
            }
            options_text.append(data, n);
            return true;
          }
          if (!file.f || std::fwrite(data, 1, n, file.f) != n) {
            error = "cannot write the upload to disk";
            error_status = 500;
            return false;
          }
          current->bytes += n;
          hasher->update(std::string_view(data, n));
          return true;
        });
    end_part();
    if (!file.close() && ok) {
      ok = false;
      error = "cannot write the upload to disk";
      error_status = 500;
    }
    if (!ok) {
      if (error.empty()) error = "the multipart body is malformed or was cut short";
      return send_error(res, error_status, error_status == 413 ? "payload_too_large"
                                           : error_status == 500 ? "internal"
                                                                 : "invalid_request",
                        error);
    }
    if (!have_crm) return send_error(res, 400, "invalid_request", "no crm part: upload the CRM file as part \"crm\"");
    if (spec.enrich.empty())
      return send_error(res, 400, "invalid_request", "no enrich part: upload at least one vendor file as part \"enrich\"");
    job.upload_dir = area->dir();
  } else if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    std::string body;
    bool too_big = false;
    reader([&](const char* data, size_t n) {
      if (body.size() + n > kMaxOptionsBytes) {
        too_big = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (too_big) return send_error(res, 413, "payload_too_large", "a JSON submit is at most 1 MiB");
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return send_error(res, 400, "invalid_request", "the body is not a JSON object");
    const std::string root = allowed_root_of(ctx.config, *tenant);
    if (root.empty())
      return send_error(res, 403, "forbidden",
                        "this server takes no file paths from you (no allowed root): upload the files instead");
    if (!j.contains("crm")) return send_error(res, 400, "invalid_request", "no \"crm\": name the CRM file");
    if (!j.contains("enrich") || !j["enrich"].is_array() || j["enrich"].empty())
      return send_error(res, 400, "invalid_request", "\"enrich\" must be a non-empty array of vendor files");
    auto crm = path_input(root, j["crm"], "crm", res);
    if (!crm) return;
    spec.crm = *crm;
    for (size_t i = 0; i < j["enrich"].size(); ++i) {
      auto v = path_input(root, j["enrich"][i], "enrich[" + std::to_string(i) + "]", res);
      if (!v) return;
      spec.enrich.push_back(*v);
    }
    for (const jobs::JobInput* in : all_inputs(spec))
      identity += "\npath\t" + in->path + "\t" + in->label + "\t" + std::to_string(in->identity.device) + ":" +
                  std::to_string(in->identity.inode) + ":" + std::to_string(in->identity.size) + ":" +
                  std::to_string(in->identity.mtime_ns);
    if (j.contains("options")) options_text = j["options"].dump();
  } else {
    return send_error(res, 415, "unsupported_media_type",
                      "send multipart/form-data (parts crm, enrich, options) or application/json");
  }

  auto options = jobs::parse_job_options(options_text);
  if (!options.is_ok()) return send_error(res, 400, "invalid_request", options.status().message());
  // Labels given per input in a JSON submit win over the file names.
  std::vector<std::string> given;
  for (const auto& v : spec.enrich) given.push_back(v.label);
  spec.options = *options;
  if (spec.options.labels.empty() && std::any_of(given.begin(), given.end(), [](auto& l) { return !l.empty(); })) {
    for (size_t i = 0; i < given.size(); ++i)
      if (given[i].empty()) given[i] = merge::default_label(spec.enrich[i].name);
    spec.options.labels = given;
  }
  Status labelled = jobs::assign_labels(spec);
  if (!labelled.is_ok()) return send_error(res, 400, "invalid_request", labelled.message());
  Status mapped = jobs::check_mapping(spec);
  if (!mapped.is_ok()) return send_error(res, 400, "invalid_request", mapped.message());

  identity += "\noptions\t" + jobs::job_options_json(spec.options);
  for (const auto& v : spec.enrich) identity += "\nlabel\t" + v.label;
  job.request_hash = hash_string(identity);
  job.spec_json = jobs::job_spec_json(spec);
  job.webhook_url = spec.options.webhook_url;
  // Checked again before each delivery (server/webhook.h): a name may resolve elsewhere later.
  if (!job.webhook_url.empty()) {
    auto target = ctx.config.webhook_policy.check(job.webhook_url);
    if (!target.is_ok())
      return send_error(res, 400, "invalid_request", target.status().with_context("options.webhook_url").message());
  }
  job.bytes_in = spec.crm.bytes;
  for (const auto& v : spec.enrich) job.bytes_in += v.bytes;
  job.created_ms = jobs::now_ms();
  auto outcome = ctx.store.create(job);
  if (!outcome.is_ok()) return send_error(res, 500, "internal", outcome.status().message());
  if (!outcome->created) {
    if (outcome->job.request_hash != job.request_hash)
      return send_error(res, 422, "idempotency_key_reused",
                        "the Idempotency-Key was used for a different request (other files or options): use a new key");
    return send_json(res, 200, job_body(ctx, outcome->job));  // a retried submit
  }
  if (area) area->keep();
  ctx.runner.wake();
  ctx.runner.notify_change();
  res.set_header("Location", "/v1/jobs/" + job.id);
  send_json(res, 201, job_body(ctx, outcome->job));
}

}  // namespace crmerge::server
