#include "merge/pipeline.h"

#include <chrono>

#include "base/dir_watch.h"
#include "base/fault.h"
#include "base/files.h"
#include "duck/result.h"
#include "merge/checkpoint.h"
#include "merge/disk_check.h"
#include "merge/input_meta.h"
#include "merge/job.h"
#include "merge/job_folder.h"
#include "merge/phases.h"
#include "merge/report.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Runs one phase unless an earlier run finished it: checks for cancellation,
// times it, passes the fault-injection points, records the checkpoint.
Status run_phase(Job& job, Phase phase, Status (*fn)(Job&), MergeSummary& summary) {
  CRM_RETURN_IF_ERROR(job.cancel().check());
  const char* name = phase_name(phase);
  if (phase != Phase::kExport) {  // the export's output is outside the folder: always rebuilt
    CRM_ASSIGN_OR_RETURN(bool done, phase_finished(job, phase));
    if (done) {
      job.progress().note(std::string(name) + ": already done by an earlier run (resumed)");
      summary.phases.push_back({name, 0, true});
      return Status::ok();
    }
  }
  CRM_RETURN_IF_ERROR(record_phase_start(job, phase));
  fault_point(name, "start", job.cancel());
  auto start = Clock::now();
  Status status = fn(job);
  if (!status.is_ok()) {
    // Input errors name their file and line; other failures say where they happened.
    bool say_phase = status.code() == StatusCode::kInternal || status.code() == StatusCode::kIoError;
    return say_phase ? status.with_context(std::string("the ") + name + " phase") : status;
  }
  // A phase that ran in a folder deleted under it is not recorded as done.
  CRM_RETURN_IF_ERROR(check_job_folder(job.folder()));
  // Written tables stay in memory until a checkpoint puts them in the database
  // file; after it, DuckDB can evict them and the next phase has its memory.
  CRM_RETURN_IF_ERROR(job.sql("CHECKPOINT").with_context(std::string("the ") + name + " phase"));
  fault_point(name, "end", job.cancel());
  double seconds = seconds_since(start);
  CRM_RETURN_IF_ERROR(record_phase_done(job, phase, seconds));
  job.progress().end(name, seconds, "");
  summary.phases.push_back({name, seconds, false});
  return Status::ok();
}

Status collect_summary(Job& job, MergeSummary& summary) {
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  for (const auto& m : metas) {
    InputSummary s;
    s.label = m.label;
    s.display = m.display;
    s.rows = m.rows;
    s.malformed = m.malformed;
    s.blank_lines = m.blank_lines;
    s.lines_above_header = m.lines_above_header();
    s.encoding = csv::encoding_name(m.dialect.encoding);
    s.delimiter = m.dialect.delimiter;
    summary.inputs.push_back(s);
  }
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query(sql::match_summary));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      auto src = static_cast<size_t>(chunk.int64(0, r));
      if (src >= summary.inputs.size()) continue;
      InputSummary& v = summary.inputs[src];
      v.matched_rows = chunk.uint64(1, r);
      v.by_email = chunk.uint64(2, r);
      v.by_linkedin = chunk.uint64(3, r);
      v.by_phone = chunk.uint64(4, r);
      v.ambiguous = chunk.uint64(5, r);
    }
  }
  CRM_ASSIGN_OR_RETURN(auto runs_q,
                       job.conn().query("SELECT coalesce(max(value::UBIGINT), 0) FROM job_meta WHERE key = 'keys_runs'"));
  CRM_ASSIGN_OR_RETURN(int64_t runs, duck::single_int64(std::move(runs_q)));
  summary.keys_runs = static_cast<uint64_t>(runs);
  const ExportStats& st = job.export_stats();
  summary.matched_any = st.matched_rows;
  summary.ambiguous_rows = st.ambiguous_rows;
  for (size_t f = 0; f < st.fields.size(); ++f)
    summary.fields.push_back({schema::role_name(st.fields[f]), st.filled[f], st.conflicts[f]});
  return Status::ok();
}

Status run_job(Job& job, const DirWatch& watch, MergeSummary& summary) {
  CRM_RETURN_IF_ERROR(job.open_database());
  if (job.options().threads > job.duckdb_threads())
    job.progress().note("using " + std::to_string(job.duckdb_threads()) + " thread(s): DuckDB needs about 128MB " +
                        "per thread, and --memory-limit is " + job.options().memory_limit);
  CRM_ASSIGN_OR_RETURN(summary.resumed, reconcile_checkpoint(job));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kImport, import_inputs, summary));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kMap, map_columns, summary));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kKeys, extract_keys, summary));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kMatch, match_rows, summary));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kResolve, resolve_fields, summary));
  CRM_RETURN_IF_ERROR(run_phase(job, Phase::kExport, export_output, summary));
  for (Phase p : kAllPhases) {
    CRM_ASSIGN_OR_RETURN(summary.phase_attempts[phase_name(p)], phase_attempts(job, p));
  }
  CRM_RETURN_IF_ERROR(collect_summary(job, summary));
  if (job.options().report_path.empty()) return Status::ok();
  summary.report_path = job.options().report_path;
  summary.work_dir_peak_bytes = watch.peak(0);
  summary.spill_peak_bytes = watch.peak(1);
  return write_report(job, summary);
}

// A warning, before any work, when the disk looks too small for the job.
void warn_about_disk_space(const MergeOptions& o, const JobFolder& folder, ProgressSink& progress) {
  uint64_t inputs = 0, crm = 0;
  std::vector<std::string> paths{o.crm_path};
  for (const auto& v : o.vendors) paths.push_back(v.path);
  for (size_t i = 0; i < paths.size(); ++i) {
    auto info = stat_path(paths[i]);
    if (!info.is_ok()) return;  // the import names the file
    inputs += info->size;
    if (i == 0) crm = info->size;
  }
  std::string out_dir = parent_dir(absolute_path(o.out_path));
  auto work = disk_space(folder.dir);
  auto out = disk_space(out_dir);
  if (!work || !out) return;
  std::string w = disk_warning(estimate_disk_need(inputs, crm), folder.dir, *work, out_dir, *out);
  if (!w.empty()) progress.note("warning: " + w);
}

}  // namespace

Result<MergeSummary> run_merge(const MergeOptions& options, ProgressSink& progress, const CancelToken& cancel) {
  auto start = Clock::now();
  MergeOptions checked = options;
  CRM_RETURN_IF_ERROR(validate_options(checked));
  CRM_ASSIGN_OR_RETURN(JobFolder folder, open_job_folder(checked.work_dir));
  warn_about_disk_space(checked, folder, progress);
  MergeSummary summary;
  summary.out_path = checked.out_path;
  summary.work_dir = folder.dir;
  Status status;
  DirWatch watch({folder.dir, folder.spill_dir()}, std::chrono::milliseconds(100));
  {
    Job job(checked, folder, progress, cancel);
    status = run_job(job, watch, summary);
    job.close_database();
  }
  // A job folder deleted under the job explains whatever failed after it
  // (DuckDB's message names one of its files at best).
  if (!status.is_ok() && status.code() != StatusCode::kCancelled) {
    if (Status gone = check_job_folder(folder); !gone.is_ok()) status = gone;
  }
  watch.stop();
  summary.work_dir_peak_bytes = watch.peak(0);
  summary.spill_peak_bytes = watch.peak(1);
  // An interrupted job in a folder the user named is kept, so that it can be resumed.
  summary.work_dir_kept = checked.keep_work_dir || (status.code() == StatusCode::kCancelled && !folder.created_by_us);
  if (!summary.work_dir_kept) {
    Status removed = remove_job_folder(folder);
    if (!removed.is_ok()) progress.note("could not remove the job folder: " + removed.message());
  }
  if (!status.is_ok()) return status;
  summary.seconds = seconds_since(start);
  return summary;
}

}  // namespace crmerge::merge
