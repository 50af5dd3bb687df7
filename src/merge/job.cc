#include "merge/job.h"

#include <algorithm>
#include <thread>

#include "base/files.h"
#include "base/strings.h"
#include "merge/functions.h"

namespace crmerge::merge {

Job::Job(MergeOptions options, JobFolder folder, ProgressSink& progress, const CancelToken& cancel)
    : options_(std::move(options)), folder_(std::move(folder)), progress_(progress), cancel_(cancel) {
  inputs_.push_back({0, "crm", absolute_path(options_.crm_path),
                     options_.crm_display.empty() ? options_.crm_path : options_.crm_display});
  int src = 1;
  for (const auto& v : options_.vendors)
    inputs_.push_back({src++, v.label, absolute_path(v.path), v.display.empty() ? v.path : v.display});
}

namespace {
constexpr int64_t kMemoryPerThread = 128 * 1000 * 1000;
}

int Job::duckdb_threads() const {
  int requested = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
  int64_t affordable = std::max<int64_t>(1, parse_byte_size(options_.memory_limit) / kMemoryPerThread);
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(requested, affordable)));
}

Status Job::open_database() {
  CRM_RETURN_IF_ERROR(make_directories(folder_.spill_dir()));
  duck::DatabaseOptions o;
  o.path = folder_.db_path();
  o.memory_limit = std::to_string(duckdb_memory_bytes(options_) / 1000) + "KB";
  o.threads = duckdb_threads();
  o.temp_directory = folder_.spill_dir();
  o.allowed_directories = {folder_.dir};
  // With it, a GROUP BY of tens of millions of groups on keys DuckDB can
  // narrow (the (CRM row, vendor, vendor row) pairs of the match) asked for a
  // block of 128 MiB at its start and failed under 512MB, at 50M CRM rows
  // (DuckDB 1.4.4; the same GROUP BY without it spilled and finished).
  o.disabled_optimizers = {"compressed_materialization"};
  auto db = duck::Database::open(o);
  if (!db.is_ok()) {
    if (db.status().message().find("lock") != std::string::npos)
      return Status::invalid_input("the job database " + folder_.db_path() + " is open in another program");
    return db.status();
  }
  db_ = std::make_unique<duck::Database>(std::move(db).value());
  return register_functions(conn(), options_);
}

void Job::close_database() { db_.reset(); }

duck::QueryControl Job::control() {
  duck::QueryControl control;
  control.cancel = &cancel_;
  control.on_progress = [this](double fraction) { progress_.update(static_cast<uint64_t>(fraction * 1000), 0); };
  return control;
}

Status Job::run(duck::PreparedStatement& statement) { return statement.run(control()); }

Status Job::sql(std::string_view script) {
  return conn().execute_script(script, control());
}

}  // namespace crmerge::merge
