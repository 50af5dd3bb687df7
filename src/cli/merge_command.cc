#include "cli/merge_command.h"

#include <cstdio>
#include <memory>

#include "base/strings.h"
#include "cli/exit_codes.h"
#include "cli/merge_flags.h"
#include "cli/progress_display.h"
#include "merge/options.h"
#include "merge/pipeline.h"

namespace crmerge::cli {

struct MergeCommand {
  CLI::App* sub = nullptr;
  MergeFlags flags;
  bool quiet = false;
};

namespace {

std::string percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

void print_summary(const merge::MergeSummary& s) {
  const auto& crm = s.inputs[0];
  std::printf("crmerge: merged %s CRM rows with %zu vendor file%s in %s%s\n", format_count(crm.rows).c_str(),
              s.inputs.size() - 1, s.inputs.size() == 2 ? "" : "s", format_seconds(s.seconds).c_str(),
              s.resumed ? " (resumed)" : "");
  size_t width = 0;
  for (size_t i = 1; i < s.inputs.size(); ++i) width = std::max(width, s.inputs[i].label.size());
  for (size_t i = 1; i < s.inputs.size(); ++i) {
    const auto& v = s.inputs[i];
    std::printf("  %-*s  %s rows, matched %s CRM rows (%s): %s by e-mail, %s by LinkedIn, %s by phone%s\n",
                static_cast<int>(width), v.label.c_str(), format_count(v.rows).c_str(),
                format_count(v.matched_rows).c_str(), percent(v.matched_rows, crm.rows).c_str(),
                format_count(v.by_email).c_str(), format_count(v.by_linkedin).c_str(), format_count(v.by_phone).c_str(),
                v.ambiguous ? (", " + format_count(v.ambiguous) + " ambiguous").c_str() : "");
  }
  std::printf("  matched by any vendor: %s rows (%s)%s\n", format_count(s.matched_any).c_str(),
              percent(s.matched_any, crm.rows).c_str(),
              s.ambiguous_rows ? ("; " + format_count(s.ambiguous_rows) + " ambiguous").c_str() : "");
  std::string filled;
  for (const auto& f : s.fields) {
    uint64_t n = 0;
    for (auto x : f.filled) n += x;
    if (n) filled += (filled.empty() ? "" : ", ") + f.field + " " + format_count(n);
  }
  if (!filled.empty()) std::printf("  cells filled: %s\n", filled.c_str());
  if (crm.malformed > 0)
    std::printf("  malformed CRM lines copied through unchanged: %s\n", format_count(crm.malformed).c_str());
  std::printf("  output: %s\n", s.out_path.c_str());
  if (!s.report_path.empty()) std::printf("  report: %s\n", s.report_path.c_str());
  std::printf("  job folder: peak %s on disk (of which spilled by DuckDB: %s)\n", format_bytes(s.work_dir_peak_bytes).c_str(),
              format_bytes(s.spill_peak_bytes).c_str());
  if (s.work_dir_kept) std::printf("  job folder kept: %s\n", s.work_dir.c_str());
}

}  // namespace

MergeCommand* add_merge_command(CLI::App& app) {
  auto cmd = std::make_shared<MergeCommand>();
  auto* sub = app.add_subcommand("merge", "Merge a CRM export with vendor files into one enriched CSV");
  cmd->sub = sub;
  sub->footer(
      "Every CRM row comes out once, in order; what the mode does not change stays byte for byte as\n"
      "it went in. Enriched fields the CRM lacks follow as new columns, then _match_status,\n"
      "_match_keys and _match_sources.\n"
      "Example:\n"
      "  crmerge merge --crm hubspot.csv --enrich apollo=apollo.csv --enrich zoominfo.csv --out merged.csv");
  auto& o = cmd->flags.options;
  add_merge_flags(sub, cmd->flags);
  sub->add_option("--out", o.out_path, "The merged CSV to write (written whole, or not at all)")->required();
  sub->add_option("--work-dir", o.work_dir,
                  "Job folder (default: a new folder under $TMPDIR); rerun with the same folder to resume an "
                  "interrupted job");
  sub->add_flag("--keep-work-dir", o.keep_work_dir, "Keep the job folder when the job ends");
  sub->add_option("--memory-limit", o.memory_limit, "The job's memory budget (DuckDB gets a quarter of it); beyond it, work spills to the job folder")
      ->default_str("512MB")
      ->check([](const std::string& v) {
        return parse_byte_size(v) > 0 ? std::string() : "'" + v + "' is not a size such as 512MB or 2GB";
      });
  sub->add_option("--threads", o.threads, "Threads for DuckDB (0: all cores)")
      ->default_str("0")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--audit", o.audit_path,
                  "Write a CSV saying, per CRM row and field, which vendor records were candidates and why a value won");
  sub->add_option("--report", o.report_path, "Write the match report as JSON");
  sub->add_flag("-q,--quiet", cmd->quiet, "No progress and no summary; warnings and errors only");
  // CLI11 owns the subcommand; the flags live as long as the app.
  static std::vector<std::shared_ptr<MergeCommand>> keep;
  keep.push_back(cmd);
  return cmd.get();
}

int run_merge_command(const MergeCommand& cmd, const CancelToken& cancel) {
  merge::MergeOptions options = merge_options_from(cmd.flags);
  auto progress = make_progress_display(cmd.quiet ? ProgressStyle::kQuiet : ProgressStyle::kAuto);
  auto result = merge::run_merge(options, *progress, cancel);
  if (!result.is_ok()) {
    const Status& s = result.status();
    if (s.code() == StatusCode::kCancelled)
      std::fprintf(stderr, "crmerge: interrupted; no output was written%s\n",
                   options.work_dir.empty() ? "" : " (rerun with the same --work-dir to resume)");
    else
      std::fprintf(stderr, "crmerge: error: %s\n", s.message().c_str());
    return exit_code_for(s);
  }
  if (!cmd.quiet) print_summary(*result);
  return kExitOk;
}

}  // namespace crmerge::cli
