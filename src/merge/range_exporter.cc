#include "merge/range_exporter.h"

#include "base/fault.h"
#include "csv/formula_guard.h"
#include "csv/writer.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

constexpr const char* kKindNames[] = {"", "email", "linkedin", "phone"};

// Writes the record's fields anew in `out` (its delimiter changed); with
// `guard` (--safe-csv=all), those that evaluate as a formula neutralized.
void reserialize(const csv::Record& rec, char quote, const csv::Dialect& out, bool guard, std::string& line,
                 std::string& scratch) {
  line.clear();
  for (size_t i = 0; i < rec.field_count(); ++i) {
    if (i) line += out.delimiter;
    if (guard) csv::append_guarded_field(line, rec.field(i, quote, scratch), out);
    else csv::append_field(line, rec.field(i, quote, scratch), out);
  }
}

// The record with each field that evaluates as a formula written neutralized,
// and every other byte as it stands (--safe-csv=all, same delimiter): a record
// without one comes out byte for byte.
void neutralize_fields(const csv::Record& rec, char quote, const csv::Dialect& out, std::string& line,
                       std::string& scratch) {
  line.clear();
  size_t copied = 0;  // bytes of rec.text in `line`
  for (size_t i = 0; i < rec.field_count(); ++i) {
    std::string_view value = rec.field(i, quote, scratch);
    if (!csv::evaluates_as_formula(value)) continue;
    line.append(rec.text.substr(copied, rec.fields[i].raw_begin - copied));
    csv::append_guarded_field(line, value, out);
    copied = rec.fields[i].raw_end;
  }
  line.append(rec.text.substr(copied));
}

// A field crmerge writes (an appended cell, a CRM cell the mode changes):
// neutralized when it evaluates as a formula, under --safe-csv.
void append_written(std::string& line, std::string_view value, const OutputPlan& plan) {
  if (plan.safe_csv == SafeCsv::kOff) csv::append_field(line, value, plan.dialect);
  else csv::append_guarded_field(line, value, plan.dialect);
}

// CRM rows per window of the export's queries (merge/cursor.h): for each
// megabyte of the memory limit, 1024 (512k at 512MB: ~1M resolved rows, tens
// of MB to sort, for each of the few queries of each range running at once).
// Below that, at 1M CRM rows and 2 threads, each range is one window.
constexpr uint64_t kExportRowsPerMegabyte = 1024;

uint64_t export_window(const MergeOptions& o) {
  if (o.export_rows_per_window > 0) return o.export_rows_per_window;
  return memory_limit_megabytes(o) * kExportRowsPerMegabyte;
}

}  // namespace

RangeExporter::RangeExporter(const ExportContext& ctx, AuditWriter* audit)
    : ctx_(ctx), job_(ctx.job), metas_(ctx.metas), plan_(ctx.plan), audit_(audit),
      resolver_(ctx.plan, ctx.job.options(), ctx.metas.size()) {
  for (const auto& f : plan_.fields) stats_.fields.push_back(f.role);
  fields_of_column_.resize(metas_[0].columns.size());
  for (size_t f = 0; f < plan_.fields.size(); ++f) {
    int col = plan_.fields[f].crm_column;
    if (col >= 0 && static_cast<size_t>(col) < fields_of_column_.size())
      fields_of_column_[static_cast<size_t>(col)].push_back(f);
  }
}

ExportStats RangeExporter::stats() const {
  ExportStats st = stats_;
  st.filled = resolver_.filled();
  st.conflicts = resolver_.conflicts();
  return st;
}

Status RangeExporter::open_streams() {
  vendors_.resize(metas_.size());
  for (size_t s = 1; s < metas_.size(); ++s) {
    CRM_ASSIGN_OR_RETURN(vendors_[s], VendorRows::open(metas_[s], ctx_.roles[s], plan_, job_.options().region,
                                                       job_.options().policy == Policy::kNewest));
  }
  CRM_ASSIGN_OR_RETURN(matched_rows_.rows, RowFetcher::open(job_.folder(), metas_, true));
  matched_rows_.texts = true;
  if (audit_) {
    CRM_ASSIGN_OR_RETURN(candidate_rows_.rows, RowFetcher::open(job_.folder(), metas_, false));
  }
  // Each worker reads its own rows, on connections of its own.
  CRM_ASSIGN_OR_RETURN(rows_conn_, job_.open_connection());
  CRM_ASSIGN_OR_RETURN(phone_conn_, job_.open_connection());
  if (audit_) {
    CRM_ASSIGN_OR_RETURN(audit_conn_, job_.open_connection());
  }
  opened_ = true;
  return Status::ok();
}

void RangeExporter::close_cursors() {
  resolved_.reset();
  phones_.reset();
  candidates_.reset();
}

Status RangeExporter::open_cursors() {
  // (A cursor's chunks are counted from 0 again: nothing fetched is kept.)
  close_cursors();
  matched_rows_.chunk = 0;
  candidate_rows_.chunk = 0;
  const uint64_t first = range_.rows.first_row, end = range_.rows.end_row, window = export_window(job_.options());
  CRM_ASSIGN_OR_RETURN(auto resolved, RowCursor::open_rows(rows_conn_, sql::export_rows, first, end, window));
  resolved_.emplace(std::move(resolved));
  CRM_ASSIGN_OR_RETURN(auto phones, RowCursor::open_rows(phone_conn_, sql::export_phones, first, end, window));
  phones_.emplace(std::move(phones));
  if (audit_) {
    CRM_ASSIGN_OR_RETURN(auto cands, RowCursor::open_rows(audit_conn_, sql::export_candidates, first, end, window));
    candidates_.emplace(std::move(cands));
  }
  return Status::ok();
}

Status RangeExporter::write_header(const csv::Record& rec) {
  const csv::Dialect& d = plan_.dialect;
  const bool guard_crm = plan_.safe_csv == SafeCsv::kAll;
  if (plan_.reserialize) reserialize(rec, metas_[0].dialect.quote, d, guard_crm, line_, scratch_);
  else if (guard_crm) neutralize_fields(rec, metas_[0].dialect.quote, d, line_, scratch_);
  else line_.assign(rec.text);
  for (const auto& h : plan_.appended_headers) {
    line_ += d.delimiter;
    append_written(line_, h, plan_);
  }
  line_.append(rec.eol);
  return out_->write(line_);
}

Result<size_t> RangeExporter::ChunkRows::slot_of(const RowCursor& c) {
  if (c.chunks() != chunk) {
    rows.clear();
    for (size_t i = c.row(); i < c.chunk().size(); ++i)
      CRM_RETURN_IF_ERROR(rows.add(c.chunk().uint64(1, i), c.chunk().uint64(2, i)));
    CRM_RETURN_IF_ERROR(rows.fetch(texts));
    chunk = c.chunks();
    from = c.row();
  }
  return c.row() - from;
}

// Reads the matched vendor rows of CRM row `r` into cands_.
Status RangeExporter::gather(uint64_t r) {
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
    CRM_ASSIGN_OR_RETURN(size_t slot, matched_rows_.slot_of(res));
    c.vendor_line = matched_rows_.rows.place(slot).line;
    CRM_RETURN_IF_ERROR(vendors_[static_cast<size_t>(src)].shape(matched_rows_.rows.text(slot), phone_cells_, c));
    kinds_ |= static_cast<uint8_t>(res.u64(3));
    ambiguous_ = ambiguous_ || res.chunk().boolean(4, res.row());
    CRM_RETURN_IF_ERROR(res.advance());
  }
  return Status::ok();
}

Status RangeExporter::audit_candidates(uint64_t r, uint64_t crm_line) {
  auto& c = *candidates_;
  while (!c.done() && c.u64(0) < r) CRM_RETURN_IF_ERROR(c.advance());
  while (!c.done() && c.u64(0) == r) {
    size_t src = c.u64(1);
    uint64_t kind = c.u64(3);
    std::string reason = std::string(c.str(6)) + " (strongest shared key: " +
                         (kind < std::size(kKindNames) ? kKindNames[kind] : "?") + "; " +
                         std::to_string(c.u64(4)) + " shared keys)";
    CRM_ASSIGN_OR_RETURN(size_t slot, candidate_rows_.slot_of(c));
    const uint64_t line = candidate_rows_.rows.place(slot).line;
    CRM_RETURN_IF_ERROR(audit_->add(r, crm_line, "", metas_[src].label, c.u64(2), line, "", c.str(5), reason));
    CRM_RETURN_IF_ERROR(c.advance());
  }
  return Status::ok();
}

Status RangeExporter::write_row(const csv::Record& rec, uint64_t r) {
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

  // The CRM's own fields: byte for byte unless a cell changes (or, with
  // --safe-csv=all, evaluates as a formula).
  const bool guard_crm = plan_.safe_csv == SafeCsv::kAll;
  bool changed = false;
  for (size_t f = 0; f < plan_.fields.size(); ++f)
    changed = changed || (plan_.fields[f].crm_column >= 0 && decisions_[f].write);
  if (changed) {
    line_.clear();
    for (size_t i = 0; i < rec.field_count(); ++i) {
      if (i) line_ += d.delimiter;
      const FieldDecision* replace = nullptr;
      if (i < fields_of_column_.size())
        for (size_t f : fields_of_column_[i])
          if (decisions_[f].write) replace = &decisions_[f];
      if (replace) {
        append_written(line_, replace->value, plan_);
        continue;
      }
      if (guard_crm || plan_.reserialize) {
        std::string_view value = rec.field(i, crm.dialect.quote, scratch_);
        if (guard_crm && csv::evaluates_as_formula(value)) {
          csv::append_guarded_field(line_, value, d);
          continue;
        }
        if (plan_.reserialize) {
          csv::append_field(line_, value, d);
          continue;
        }
      }
      line_.append(rec.text.substr(rec.fields[i].raw_begin, rec.fields[i].raw_end - rec.fields[i].raw_begin));
    }
  } else if (plan_.reserialize) {
    reserialize(rec, crm.dialect.quote, d, guard_crm, line_, scratch_);
  } else if (guard_crm) {
    neutralize_fields(rec, crm.dialect.quote, d, line_, scratch_);
  } else {
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
    append_written(line_, v, plan_);
  }
  line_.append(rec.eol);
  CRM_RETURN_IF_ERROR(out_->write(line_));

  if (ncands_ > 0) ++stats_.matched_rows;
  if (ambiguous_) ++stats_.ambiguous_rows;
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

Status RangeExporter::run(const ExportRange& range, OrderedOutput::Piece& out) {
  const InputMeta& crm = metas_[0];
  range_ = range;
  out_ = &out;
  if (!opened_) CRM_RETURN_IF_ERROR(open_streams());
  CRM_RETURN_IF_ERROR(open_cursors());
  csv::ReaderOptions ro;
  ro.start_offset = range_.rows.start_offset;
  ro.start_line = range_.rows.start_line;
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(crm.scan_path, crm.dialect, ro));
  csv::Record rec;
  if (range_.header) {
    CRM_ASSIGN_OR_RETURN(bool got_header, reader.next(rec));
    if (!got_header) return Status::internal("the CRM header disappeared");
    CRM_RETURN_IF_ERROR(write_header(rec));
  }
  uint64_t row = range_.rows.first_row;
  uint64_t reported = reader.position();
  RowFault fault("export", job_.cancel());
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more || rec.offset >= range_.rows.end_offset) break;
    if (rec.blank) {  // not a record: passed through as it stands
      line_.assign(rec.text);
      line_.append(rec.eol);
      CRM_RETURN_IF_ERROR(out_->write(line_));
      continue;
    }
    const uint64_t r = row++;
    const uint64_t done = row - range_.rows.first_row;
    fault.at(++rows_done_);  // (counted over the worker's pieces)
    if ((done & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job_.cancel().check());
      ctx_.progress.add(reader.position() - reported, 4096);
      reported = reader.position();
    }
    if (rec.problem != csv::RecordProblem::kNone || rec.field_count() != crm.columns.size()) {
      ++stats_.malformed_rows;  // copied through unchanged (--on-malformed pass)
      line_.assign(rec.text);
      line_.append(rec.eol);
      CRM_RETURN_IF_ERROR(out_->write(line_));
      continue;
    }
    CRM_RETURN_IF_ERROR(write_row(rec, r));
  }
  ctx_.progress.add(reader.position() - reported, (row - range_.rows.first_row) & 4095);
  if (!resolved_->done()) return Status::internal("resolved rows beyond the range's last row " + std::to_string(row));
  if (row != range_.rows.end_row)
    return Status::io_error(crm.display_name() + " changed while the job ran (row count differs)");
  stats_.rows += row - range_.rows.first_row;
  out_ = nullptr;
  return Status::ok();
}

void RangeExporter::close() {
  close_cursors();
  rows_conn_ = duck::Connection();
  phone_conn_ = duck::Connection();
  audit_conn_ = duck::Connection();
}

}  // namespace crmerge::merge
