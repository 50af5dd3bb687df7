// The export phase: the CRM file streamed once more, in step with the matched
// vendor rows (resolved_rows, ordered by CRM row). A CRM record the merge does
// not change is copied through byte for byte; one whose cells change has just
// those fields replaced; the new columns follow in the CRM's dialect. Records
// come out in CRM order, one for one (invariants 1, 2). The output appears
// whole or not at all (invariant 8).
#include "base/fault.h"
#include "base/files.h"
#include "csv/reader.h"
#include "csv/writer.h"
#include "duck/prepared.h"
#include "merge/audit_writer.h"
#include "merge/cursor.h"
#include "merge/field_resolver.h"
#include "merge/input_meta.h"
#include "merge/output_plan.h"
#include "merge/phases.h"
#include "merge/roles_store.h"
#include "merge/sql_files.h"
#include "merge/vendor_rows.h"

namespace crmerge::merge {

namespace {

constexpr const char* kKindNames[] = {"", "email", "linkedin", "phone"};

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

// Writes the record's fields anew in `out` (its delimiter changed).
void reserialize(const csv::Record& rec, char quote, const csv::Dialect& out, std::string& line, std::string& scratch) {
  line.clear();
  for (size_t i = 0; i < rec.field_count(); ++i) {
    if (i) line += out.delimiter;
    csv::append_field(line, rec.field(i, quote, scratch), out);
  }
}

class Exporter {
 public:
  Exporter(Job& job, std::vector<InputMeta> metas, std::vector<std::vector<StoredRole>> roles)
      : job_(job), metas_(std::move(metas)), roles_(std::move(roles)),
        plan_(plan_output(job.options(), metas_[0], roles_)), resolver_(plan_, job.options(), metas_.size()) {}

  Status run();

 private:
  Status open_streams();
  Status write_header(const csv::Record& rec);
  Status write_row(const csv::Record& rec, uint64_t r);
  Status gather(uint64_t r);
  Status audit_candidates(uint64_t r, uint64_t crm_line);

  Job& job_;
  std::vector<InputMeta> metas_;
  std::vector<std::vector<StoredRole>> roles_;
  OutputPlan plan_;
  FieldResolver resolver_;
  std::vector<VendorRows> vendors_;  // by src (index 0 unused)
  duck::Connection phone_conn_, audit_conn_;
  std::optional<RowCursor> resolved_, phones_, candidates_;
  AtomicOutputFile out_;
  std::optional<AuditWriter> audit_;

  // Per row, reused: the first ncands_ of cands_ are this row's matched vendor rows.
  std::vector<VendorCandidate> cands_;
  size_t ncands_ = 0;
  std::vector<FieldDecision> decisions_;
  std::vector<std::string_view> crm_cells_;
  std::vector<FieldAudit> field_audits_;
  PhoneCells phone_cells_;
  struct OwnedPhone {
    int col;
    bool usable;
    std::string display;
  };
  std::vector<OwnedPhone> phone_displays_;
  uint8_t kinds_ = 0;
  bool ambiguous_ = false;
  std::string line_, scratch_, cell_scratch_, meta_keys_, meta_sources_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> appended_;
};

Status Exporter::open_streams() {
  vendors_.resize(metas_.size());
  for (size_t s = 1; s < metas_.size(); ++s) {
    CRM_ASSIGN_OR_RETURN(vendors_[s], VendorRows::open(metas_[s], roles_[s], plan_, job_.options().region));
  }
  CRM_ASSIGN_OR_RETURN(phone_conn_, job_.open_connection());
  CRM_ASSIGN_OR_RETURN(auto resolved, RowCursor::open(job_.conn(), sql::export_rows));
  resolved_.emplace(std::move(resolved));
  CRM_ASSIGN_OR_RETURN(auto phones, RowCursor::open(phone_conn_, sql::export_phones));
  phones_.emplace(std::move(phones));
  if (!job_.options().audit_path.empty()) {
    CRM_ASSIGN_OR_RETURN(audit_conn_, job_.open_connection());
    CRM_ASSIGN_OR_RETURN(auto cands, RowCursor::open(audit_conn_, sql::export_candidates));
    candidates_.emplace(std::move(cands));
  }
  return Status::ok();
}

Status Exporter::write_header(const csv::Record& rec) {
  const csv::Dialect& d = plan_.dialect;
  if (plan_.reserialize) reserialize(rec, metas_[0].dialect.quote, d, line_, scratch_);
  else line_.assign(rec.text);
  for (const auto& h : plan_.appended_headers) {
    line_ += d.delimiter;
    csv::append_field(line_, h, d);
  }
  line_.append(rec.eol);
  return out_.write(line_);
}

// Reads the matched vendor rows of CRM row `r` into cands_.
Status Exporter::gather(uint64_t r) {
  ncands_ = 0;
  kinds_ = 0;
  ambiguous_ = false;
  auto& res = *resolved_;
  if (!res.done() && res.u64(0) < r) return Status::internal("resolved rows out of order at CRM row " + std::to_string(r));
  while (!res.done() && res.u64(0) == r) {
    int src = static_cast<int>(res.u64(1));
    phone_cells_.clear();
    auto& ph = *phones_;
    while (!ph.done() && (ph.u64(0) < r || (ph.u64(0) == r && static_cast<int>(ph.u64(1)) < src))) CRM_RETURN_IF_ERROR(ph.advance());
    // The phone cells' views point into the phone cursor's current chunk:
    // copy the displays before the cursor moves on.
    phone_displays_.clear();
    while (!ph.done() && ph.u64(0) == r && static_cast<int>(ph.u64(1)) == src) {
      std::string_view status = ph.str(3);
      phone_displays_.push_back({static_cast<int>(ph.u64(2)), status == "valid" || status == "do-not-call",
                                 std::string(ph.str(4))});
      CRM_RETURN_IF_ERROR(ph.advance());
    }
    for (const auto& p : phone_displays_) phone_cells_.push_back({p.col, p.usable, p.display});
    if (ncands_ == cands_.size()) cands_.emplace_back();
    VendorCandidate& c = cands_[ncands_++];
    c.src = src;
    c.vendor_row = res.u64(2);
    c.vendor_line = res.u64(5);
    CRM_RETURN_IF_ERROR(vendors_[static_cast<size_t>(src)].read(res.u64(3), static_cast<uint32_t>(res.u64(4)), phone_cells_, c));
    kinds_ |= static_cast<uint8_t>(res.u64(6));
    ambiguous_ = ambiguous_ || res.chunk().boolean(7, res.row());
    CRM_RETURN_IF_ERROR(res.advance());
  }
  return Status::ok();
}

Status Exporter::audit_candidates(uint64_t r, uint64_t crm_line) {
  auto& c = *candidates_;
  while (!c.done() && c.u64(0) < r) CRM_RETURN_IF_ERROR(c.advance());
  while (!c.done() && c.u64(0) == r) {
    size_t src = c.u64(1);
    uint64_t kind = c.u64(4);
    std::string reason = std::string(c.str(7)) + " (strongest shared key: " +
                         (kind < std::size(kKindNames) ? kKindNames[kind] : "?") + "; " +
                         std::to_string(c.u64(5)) + " shared keys)";
    CRM_RETURN_IF_ERROR(audit_->add(r, crm_line, "", metas_[src].label, c.u64(2), c.u64(3), "", c.str(6), reason));
    CRM_RETURN_IF_ERROR(c.advance());
  }
  return Status::ok();
}

Status Exporter::write_row(const csv::Record& rec, uint64_t r) {
  const InputMeta& crm = metas_[0];
  const csv::Dialect& d = plan_.dialect;
  CRM_RETURN_IF_ERROR(gather(r));
  crm_cells_.assign(plan_.fields.size(), std::string_view());
  cells_.resize(plan_.fields.size());  // owned copies of unescaped CRM cells, reused
  for (size_t f = 0; f < plan_.fields.size(); ++f) {
    int col = plan_.fields[f].crm_column;
    if (col < 0) continue;
    cells_[f].assign(rec.field(static_cast<size_t>(col), crm.dialect.quote, cell_scratch_));
    crm_cells_[f] = cells_[f];
  }
  field_audits_.clear();
  std::function<void(const FieldAudit&)> collect;
  if (audit_) collect = [this](const FieldAudit& a) { field_audits_.push_back(a); };
  resolver_.resolve(crm_cells_, cands_.data(), ncands_, decisions_, collect);

  // The CRM's own fields: byte for byte unless a cell changes.
  bool changed = false;
  for (size_t f = 0; f < plan_.fields.size(); ++f)
    changed = changed || (plan_.fields[f].crm_column >= 0 && decisions_[f].write);
  if (plan_.reserialize) {
    reserialize(rec, crm.dialect.quote, d, line_, scratch_);
    // (a changed cell is applied below by rebuilding from values)
  }
  if (changed) {
    line_.clear();
    for (size_t i = 0; i < rec.field_count(); ++i) {
      if (i) line_ += d.delimiter;
      const FieldDecision* replace = nullptr;
      for (size_t f = 0; f < plan_.fields.size(); ++f)
        if (plan_.fields[f].crm_column == static_cast<int>(i) && decisions_[f].write) replace = &decisions_[f];
      if (replace) csv::append_field(line_, replace->value, d);
      else if (plan_.reserialize) csv::append_field(line_, rec.field(i, crm.dialect.quote, scratch_), d);
      else line_.append(rec.text.substr(rec.fields[i].raw_begin, rec.fields[i].raw_end - rec.fields[i].raw_begin));
    }
  } else if (!plan_.reserialize) {
    line_.assign(rec.text);
  }

  // New field columns, provenance, metadata.
  std::vector<std::string_view>& appended = appended_;
  appended.assign(plan_.appended_headers.size(), std::string_view());
  for (size_t f = 0; f < plan_.fields.size(); ++f) {
    const FieldPlan& fp = plan_.fields[f];
    if (fp.new_column >= 0 && decisions_[f].write) appended[static_cast<size_t>(fp.new_column)] = decisions_[f].value;
  }
  size_t next = plan_.new_field_columns;
  if (plan_.provenance) {
    for (size_t f = 0; f < plan_.fields.size(); ++f, ++next)
      if (decisions_[f].write) appended[next] = metas_[static_cast<size_t>(decisions_[f].src)].label;
  }
  std::string& keys = meta_keys_;
  std::string& sources = meta_sources_;
  keys.clear();
  sources.clear();
  if (plan_.meta) {
    for (int k = 1; k <= 3; ++k)
      if (kinds_ & (1 << k)) keys += (keys.empty() ? "" : ";") + std::string(kKindNames[k]);
    for (size_t i = 0; i < ncands_; ++i)
      sources += (sources.empty() ? "" : ";") + metas_[static_cast<size_t>(cands_[i].src)].label;
    appended[next++] = ncands_ == 0 ? "unmatched" : ambiguous_ ? "ambiguous" : "matched";
    appended[next++] = keys;
    appended[next++] = sources;
  }
  for (auto v : appended) {
    line_ += d.delimiter;
    csv::append_field(line_, v, d);
  }
  line_.append(rec.eol);
  CRM_RETURN_IF_ERROR(out_.write(line_));

  ExportStats& st = job_.export_stats();
  if (ncands_ > 0) ++st.matched_rows;
  if (ambiguous_) ++st.ambiguous_rows;
  if (audit_) {
    CRM_RETURN_IF_ERROR(audit_candidates(r, rec.line));
    for (const auto& a : field_audits_) {
      CRM_RETURN_IF_ERROR(audit_->add(r, rec.line, schema::role_name(plan_.fields[a.field].role),
                                      metas_[static_cast<size_t>(a.src)].label, a.vendor_row, a.vendor_line, a.value,
                                      a.decision, a.reason));
    }
  }
  return Status::ok();
}

Status Exporter::run() {
  const InputMeta& crm = metas_[0];
  job_.progress().begin("export", crm.bytes - crm.dialect.header_offset, ProgressUnit::kBytes);
  ExportStats& st = job_.export_stats();
  st = ExportStats();
  for (const auto& f : plan_.fields) st.fields.push_back(f.role);

  CRM_RETURN_IF_ERROR(remove_stale_outputs(job_));
  CRM_ASSIGN_OR_RETURN(out_, AtomicOutputFile::create(absolute_path(job_.options().out_path)));
  CRM_RETURN_IF_ERROR(remember_temp(job_, "output", out_.temp_path()));
  if (!job_.options().audit_path.empty()) {
    CRM_ASSIGN_OR_RETURN(auto a, AuditWriter::create(absolute_path(job_.options().audit_path)));
    audit_.emplace(std::move(a));
  }
  CRM_RETURN_IF_ERROR(open_streams());
  if (plan_.bom) CRM_RETURN_IF_ERROR(out_.write("\xEF\xBB\xBF"));

  csv::ReaderOptions ro;
  ro.start_offset = crm.dialect.header_offset;
  ro.start_line = crm.dialect.header_line;
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(crm.scan_path, crm.dialect, ro));
  csv::Record rec;
  CRM_ASSIGN_OR_RETURN(bool got_header, reader.next(rec));
  if (!got_header) return Status::internal("the CRM header disappeared");
  CRM_RETURN_IF_ERROR(write_header(rec));

  uint64_t row = 0;
  RowFault fault("export", job_.cancel());
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) {  // not a record: passed through as it stands
      line_.assign(rec.text);
      line_.append(rec.eol);
      CRM_RETURN_IF_ERROR(out_.write(line_));
      continue;
    }
    const uint64_t r = row++;
    fault.at(row);
    if ((row & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job_.cancel().check());
      job_.report(reader.position() - crm.dialect.header_offset, row);
    }
    if (rec.problem != csv::RecordProblem::kNone || rec.field_count() != crm.columns.size()) {
      ++st.malformed_rows;  // copied through unchanged (--on-malformed pass)
      line_.assign(rec.text);
      line_.append(rec.eol);
      CRM_RETURN_IF_ERROR(out_.write(line_));
      continue;
    }
    CRM_RETURN_IF_ERROR(write_row(rec, r));
  }
  job_.report(reader.position() - crm.dialect.header_offset, row);
  if (!resolved_->done()) return Status::internal("resolved rows beyond the CRM's last row");
  if (row != crm.rows) return Status::io_error(crm.display_name() + " changed while the job ran (row count differs)");
  st.rows = row;
  st.filled = resolver_.filled();
  st.conflicts = resolver_.conflicts();
  // Cursors and the extra connections go before the files are committed.
  resolved_.reset();
  phones_.reset();
  candidates_.reset();
  phone_conn_ = duck::Connection();
  audit_conn_ = duck::Connection();
  if (audit_) CRM_RETURN_IF_ERROR(audit_->commit());
  return out_.commit();
}

}  // namespace

Status export_output(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, metas.size()));
  Exporter exporter(job, std::move(metas), std::move(roles));
  return exporter.run();
}

}  // namespace crmerge::merge
