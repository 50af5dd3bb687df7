// One running merge job: its options, its folder, its database, and how it
// reports progress and notices cancellation. Every phase is a function of a Job.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/cancel.h"
#include "base/folder_lock.h"
#include "base/progress.h"
#include "base/status.h"
#include "duck/connection.h"
#include "duck/database.h"
#include "duck/prepared.h"
#include "merge/export_stats.h"
#include "merge/options.h"

namespace crmerge::merge {

// An input of the job: src 0 is the CRM, 1..N the vendors in priority order.
struct InputSpec {
  int src = 0;
  std::string label;    // "crm" for the CRM
  std::string path;     // absolute
  std::string display;  // as the user gave it: how messages name the file
};

struct JobFolder {
  std::string dir;
  bool created_by_us = false;  // a fresh temp folder nobody asked for by name
  // Held from open_job_folder on, by every copy, until the last goes: a second
  // crmerge given the same folder stops there, before it touches anything.
  std::shared_ptr<const FolderLock> lock;
  std::string db_path() const { return dir + "/job.duckdb"; }
  std::string spill_dir() const { return dir + "/spill"; }
  std::string decoded_dir() const { return dir + "/decoded"; }
  std::string keys_dir() const { return dir + "/keys"; }    // the keys as sorted runs (merge/key_runs.h)
  std::string links_dir() const { return dir + "/links"; }  // the match's links as sorted runs (merge/pairs.h)
  std::string rows_dir() const { return dir + "/rows"; }    // where each input row is (merge/row_index.h)
};

class Job {
 public:
  Job(MergeOptions options, JobFolder folder, ProgressSink& progress, const CancelToken& cancel);

  // Opens (or creates) the job database with the options' memory and thread limits.
  Status open_database();
  // DuckDB's threads: --threads (0: all cores), but no more than one per 128MB
  // of --memory-limit: below that, DuckDB's operators fail instead of spilling.
  int duckdb_threads() const;
  void close_database();

  const MergeOptions& options() const { return options_; }
  const std::vector<InputSpec>& inputs() const { return inputs_; }
  const JobFolder& folder() const { return folder_; }
  ProgressSink& progress() { return progress_; }
  const CancelToken& cancel() const { return cancel_; }
  duck::Connection& conn() { return db_->connection(); }
  // Another connection to the job database (for a second result stream; it
  // reports no progress). Must be closed before the database.
  Result<duck::Connection> open_connection() { return duck::Connection::open(*db_); }
  // What the export counted (the export always runs, so this is always fresh).
  ExportStats& export_stats() { return export_stats_; }

  // Runs SQL (one statement, or a script) with cancellation and progress.
  Status sql(std::string_view script);
  // Runs a prepared statement (its parameters bound) the same way.
  Status run(duck::PreparedStatement& statement);
  // Progress of the current phase: `done` units, `rows` handled so far in this
  // phase (all inputs together). Callers in row loops call it every few thousand
  // rows. Thread-safe (passes over several inputs report from several threads).
  void report(uint64_t done, uint64_t rows) {
    std::lock_guard<std::mutex> lock(report_mutex_);
    progress_.update(done, rows);
  }

 private:
  duck::QueryControl control();  // the job's cancellation and progress, for a statement

  MergeOptions options_;
  JobFolder folder_;
  std::vector<InputSpec> inputs_;
  ProgressSink& progress_;
  const CancelToken& cancel_;
  std::unique_ptr<duck::Database> db_;
  ExportStats export_stats_;
  std::mutex report_mutex_;
};

}  // namespace crmerge::merge
