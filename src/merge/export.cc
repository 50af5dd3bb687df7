// The export phase: the CRM file streamed once more, in step with the matched
// vendor rows (range_exporter.h does the rows). The file is cut into pieces at
// the marks the import left (input_marks: a piece per mark, 16384 rows), which
// the workers (--threads) take in order, each with a RangeExporter of its own;
// the pieces go into the output in order (merge/ordered_output.h), so the bytes
// are the same whatever the number of workers. With --audit, one worker (its
// lines are written in CRM order). The output appears whole or not at all
// (invariant 8).
#include <atomic>
#include <memory>
#include <mutex>

#include "base/files.h"
#include "duck/prepared.h"
#include "merge/audit_writer.h"
#include "merge/input_meta.h"
#include "merge/job_folder.h"
#include "merge/ordered_output.h"
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


// What a piece running before its turn holds of the output at most: a 64th of
// the memory limit for each worker (8 MiB at 512MB: a piece of 16384 rows of
// ~400 bytes is ~7 MB), and the pieces that ended before their turn twice
// that in all (merge/ordered_output.h). The one whose turn it is writes
// straight into the file.
size_t held_bytes(const MergeOptions& o) {
  if (o.export_held_bytes > 0) return static_cast<size_t>(o.export_held_bytes);
  return static_cast<size_t>(memory_limit_megabytes(o) << 14);
}

// The CRM in a range per mark; the first begins with the header line.
Result<std::vector<ExportRange>> export_pieces(Job& job, const InputMeta& crm) {
  CRM_ASSIGN_OR_RETURN(std::vector<RowRange> rows, cut_at_every_mark(job, crm));
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
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(absolute_path(job.options().out_path),
                                                                      WriteMode::kDirect, OutputKind::kOutput));
  CRM_RETURN_IF_ERROR(remember_temp(job, "output", out.temp_path()));
  std::optional<AuditWriter> audit;
  if (!job.options().audit_path.empty()) {
    CRM_ASSIGN_OR_RETURN(auto a, AuditWriter::create(absolute_path(job.options().audit_path),
                                                     job.options().safe_csv != SafeCsv::kOff));
    audit.emplace(std::move(a));
  }
  if (plan.bom) CRM_RETURN_IF_ERROR(out.write("\xEF\xBB\xBF"));

  const size_t workers = audit ? 1 : static_cast<size_t>(pass_workers(job));
  CRM_ASSIGN_OR_RETURN(std::vector<ExportRange> pieces, export_pieces(job, crm));
  job.progress().begin("export", crm.bytes - crm.dialect.header_offset, ProgressUnit::kBytes);
  SharedProgress progress(job);
  ExportContext ctx{job, metas, roles, plan, progress};
  OrderedOutput ordered(out, held_bytes(job.options()));
  std::vector<std::unique_ptr<RangeExporter>> exporters;
  for (size_t w = 0; w < std::min(workers, pieces.size()); ++w)
    exporters.push_back(std::make_unique<RangeExporter>(ctx, audit ? &*audit : nullptr));
  std::vector<size_t> ids(exporters.size());
  for (size_t w = 0; w < ids.size(); ++w) ids[w] = w;
  std::atomic<size_t> next{0};
  std::mutex failed_mu;
  Status failed = Status::ok();  // the first piece's failure (the others may only be waiting pieces stopped)
  Status ran = run_parallel(ids, static_cast<int>(ids.size()), [&](size_t w) {
    for (size_t k = next++; k < pieces.size(); k = next++) {
      OrderedOutput::Piece piece = ordered.piece(k);
      Status s = exporters[w]->run(pieces[k], piece);
      if (s.is_ok()) s = piece.finish();
      if (!s.is_ok()) {
        {
          std::lock_guard<std::mutex> lock(failed_mu);
          if (failed.is_ok()) failed = s;
        }
        next = pieces.size();  // the other workers take no more pieces
        ordered.abandon();
        return s;
      }
    }
    return Status::ok();
  });
  if (!ran.is_ok()) return failed.is_ok() ? ran : failed;
  // (Each piece checked its row count; the last ends at the CRM's.)
  for (const auto& e : exporters) {
    add_stats(e->stats(), st);
    e->close();
  }
  exporters.clear();
  // Nothing of a job whose folder was deleted under it is trusted: no output.
  CRM_RETURN_IF_ERROR(check_job_folder(job.folder()));
  if (audit) CRM_RETURN_IF_ERROR(audit->commit());
  return out.commit();
}

}  // namespace crmerge::merge
