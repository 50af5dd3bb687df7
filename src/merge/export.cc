// The export phase: the CRM file streamed once more, in step with the matched
// vendor rows (range_exporter.h does the rows). The file is cut into ranges at
// the marks the import left (input_marks), one range per worker (--threads);
// each range is written on a thread of its own, the first into the output file,
// the others into part files in the job folder, which are then appended in
// order: the bytes are the same whatever the number of ranges. With --audit,
// one range (its lines are written in CRM order). The output appears whole or
// not at all (invariant 8).
#include <memory>

#include "base/files.h"
#include "duck/prepared.h"
#include "merge/audit_writer.h"
#include "merge/input_meta.h"
#include "merge/output_plan.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/range_exporter.h"
#include "merge/row_ranges.h"
#include "merge/roles_store.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

// A temporary output left by a process that was killed is removed first.
Status remove_stale_outputs(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query("SELECT value FROM job_meta WHERE key LIKE 'temp:%'"));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) CRM_RETURN_IF_ERROR(remove_all(std::string(chunk.varchar(0, r))));
  }
  return job.sql("DELETE FROM job_meta WHERE key LIKE 'temp:%'");
}

Status remember_temp(Job& job, const std::string& what, const std::string& temp) {
  CRM_ASSIGN_OR_RETURN(auto ins, job.conn().prepare("INSERT INTO job_meta VALUES ($1, $2)"));
  CRM_RETURN_IF_ERROR(ins.bind(1, "temp:" + what));
  CRM_RETURN_IF_ERROR(ins.bind(2, temp));
  return ins.run();
}

// The CRM in up to `n` ranges; the first begins with the header line.
Result<std::vector<ExportRange>> export_ranges(Job& job, const InputMeta& crm, size_t n) {
  CRM_ASSIGN_OR_RETURN(std::vector<RowRange> rows, cut_into_ranges(job, crm, n));
  std::vector<ExportRange> ranges;
  for (const RowRange& r : rows) ranges.push_back({r, false});
  ranges[0].rows.start_offset = crm.dialect.header_offset;
  ranges[0].rows.start_line = crm.dialect.header_line;
  ranges[0].header = true;
  return ranges;
}

void add_stats(const ExportStats& part, ExportStats& total) {
  total.rows += part.rows;
  total.matched_rows += part.matched_rows;
  total.ambiguous_rows += part.ambiguous_rows;
  total.malformed_rows += part.malformed_rows;
  total.filled.resize(part.filled.size());
  total.conflicts.resize(part.conflicts.size());
  for (size_t f = 0; f < part.filled.size(); ++f) {
    total.filled[f].resize(part.filled[f].size());
    for (size_t s = 0; s < part.filled[f].size(); ++s) total.filled[f][s] += part.filled[f][s];
    total.conflicts[f] += part.conflicts[f];
  }
}

}  // namespace

Status export_output(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, metas.size()));
  const InputMeta& crm = metas[0];
  const OutputPlan plan = plan_output(job.options(), crm, roles);
  ExportStats& st = job.export_stats();
  st = ExportStats();
  for (const auto& f : plan.fields) st.fields.push_back(f.role);

  CRM_RETURN_IF_ERROR(remove_stale_outputs(job));
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(absolute_path(job.options().out_path)));
  CRM_RETURN_IF_ERROR(remember_temp(job, "output", out.temp_path()));
  std::optional<AuditWriter> audit;
  if (!job.options().audit_path.empty()) {
    CRM_ASSIGN_OR_RETURN(auto a, AuditWriter::create(absolute_path(job.options().audit_path)));
    audit.emplace(std::move(a));
  }
  if (plan.bom) CRM_RETURN_IF_ERROR(out.write("\xEF\xBB\xBF"));

  size_t workers = audit ? 1 : static_cast<size_t>(pass_workers(job));
  CRM_ASSIGN_OR_RETURN(std::vector<ExportRange> ranges, export_ranges(job, crm, workers));
  job.progress().begin("export", crm.bytes - crm.dialect.header_offset, ProgressUnit::kBytes);
  SharedProgress progress(job);
  ExportContext ctx{job, metas, roles, plan, progress};
  // The first range writes into the output; the others into parts, appended after.
  std::vector<AtomicOutputFile> parts(ranges.size());
  std::vector<std::unique_ptr<RangeExporter>> exporters;
  for (size_t k = 0; k < ranges.size(); ++k) {
    if (k > 0) {
      CRM_ASSIGN_OR_RETURN(parts[k], AtomicOutputFile::create(job.folder().dir + "/export-part-" + std::to_string(k) + ".csv"));
    }
    exporters.push_back(std::make_unique<RangeExporter>(ctx, ranges[k], k == 0 ? out : parts[k], audit ? &*audit : nullptr));
  }
  std::vector<size_t> order(ranges.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  CRM_RETURN_IF_ERROR(run_parallel(order, static_cast<int>(ranges.size()), [&](size_t k) { return exporters[k]->run(); }));
  for (size_t k = 1; k < parts.size(); ++k) {
    CRM_RETURN_IF_ERROR(out.take_contents_of(parts[k]));
    parts[k].abandon();
  }
  // (Each range checked its row count; the last ends at the CRM's.)
  for (const auto& e : exporters) add_stats(e->stats(), st);
  exporters.clear();
  if (audit) CRM_RETURN_IF_ERROR(audit->commit());
  return out.commit();
}

}  // namespace crmerge::merge
