// The export phase: the CRM file streamed once more. Each CRM record is
// copied through byte for byte (invariant 2) with the matched vendors' fields
// appended in the CRM's dialect; records come out in CRM order, one for one
// (invariant 1). The output appears whole or not at all (invariant 8).
#include "base/fault.h"
#include "base/files.h"
#include "csv/reader.h"
#include "csv/writer.h"
#include "duck/prepared.h"
#include "merge/input_meta.h"
#include "merge/phases.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

// The matched vendor rows, in (crm_row, src) order, read chunk by chunk.
class ResolvedCursor {
 public:
  static Result<ResolvedCursor> open(Job& job) {
    ResolvedCursor c;
    CRM_ASSIGN_OR_RETURN(c.result_, job.conn().query(sql::export_rows));
    CRM_RETURN_IF_ERROR(c.advance());
    return c;
  }
  bool done() const { return done_; }
  uint64_t crm_row() const { return chunk_.uint64(0, pos_); }
  int src() const { return static_cast<int>(chunk_.int64(1, pos_)); }
  uint64_t off() const { return chunk_.uint64(2, pos_); }
  uint32_t len() const { return static_cast<uint32_t>(chunk_.uint64(3, pos_)); }
  Status advance() {
    if (done_) return Status::ok();
    if (++pos_ < chunk_.size()) return Status::ok();
    pos_ = 0;
    CRM_ASSIGN_OR_RETURN(bool more, result_.next(chunk_));
    done_ = !more;
    return Status::ok();
  }

 private:
  duck::QueryResult result_;
  duck::DataChunk chunk_;
  size_t pos_ = static_cast<size_t>(-1);
  bool done_ = false;
};

struct Vendor {
  const InputMeta* meta = nullptr;
  InputFile file;
};

// Appends the vendor row at [off, off+len) as fields in the CRM's dialect.
Status append_vendor_row(Vendor& v, uint64_t off, uint32_t len, const csv::Dialect& out_dialect, std::string& line,
                         std::string& buf, std::vector<csv::FieldSpan>& spans, std::string& scratch) {
  buf.resize(len);
  CRM_RETURN_IF_ERROR(v.file.read_at(off, buf.data(), len));
  csv::ParsedRecord p = csv::parse_record(buf, true, v.meta->dialect, spans);
  if (p.text_length != len || spans.size() != v.meta->columns.size())
    return Status::io_error(v.meta->display_name() + " changed while the job ran (a row no longer reads the same)");
  for (const auto& span : spans) {
    line += out_dialect.delimiter;
    csv::append_field(line, csv::field_value(buf, span, v.meta->dialect.quote, scratch), out_dialect);
  }
  return Status::ok();
}

void append_empty_fields(size_t n, const csv::Dialect& d, std::string& line) {
  for (size_t i = 0; i < n; ++i) {
    line += d.delimiter;
    csv::append_field(line, "", d);
  }
}

// A temporary output left by a process that was killed is removed first.
Status remove_stale_output(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query("SELECT value FROM job_meta WHERE key = 'export_temp'"));
  duck::DataChunk chunk;
  CRM_ASSIGN_OR_RETURN(bool any, q.next(chunk));
  if (any && chunk.size() > 0) CRM_RETURN_IF_ERROR(remove_all(std::string(chunk.varchar(0, 0))));
  return Status::ok();
}

Status remember_output(Job& job, const std::string& temp) {
  CRM_RETURN_IF_ERROR(job.sql("DELETE FROM job_meta WHERE key = 'export_temp'"));
  CRM_ASSIGN_OR_RETURN(auto ins, job.conn().prepare("INSERT INTO job_meta VALUES ('export_temp', $1)"));
  CRM_RETURN_IF_ERROR(ins.bind(1, temp));
  return ins.run();
}

}  // namespace

Status export_output(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  const InputMeta& crm = metas[0];
  const csv::Dialect& d = crm.dialect;
  job.progress().begin("export", crm.bytes - crm.dialect.header_offset, ProgressUnit::kBytes);

  std::vector<Vendor> vendors(metas.size());
  for (size_t s = 1; s < metas.size(); ++s) {
    vendors[s].meta = &metas[s];
    CRM_ASSIGN_OR_RETURN(vendors[s].file, InputFile::open(metas[s].scan_path));
  }

  CRM_RETURN_IF_ERROR(remove_stale_output(job));
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(absolute_path(job.options().out_path)));
  CRM_RETURN_IF_ERROR(remember_output(job, out.temp_path()));
  if (d.bom) CRM_RETURN_IF_ERROR(out.write("\xEF\xBB\xBF"));

  csv::ReaderOptions ro;
  ro.start_offset = d.header_offset;
  ro.start_line = d.header_line;
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(crm.scan_path, d, ro));
  csv::Record rec;
  std::string line, buf, scratch;
  std::vector<csv::FieldSpan> spans;

  // The header: the CRM's own, then "<label>.<column>" for every vendor column.
  CRM_ASSIGN_OR_RETURN(bool got_header, reader.next(rec));
  if (!got_header) return Status::internal("the CRM header disappeared");
  line.assign(rec.text);
  for (size_t s = 1; s < metas.size(); ++s) {
    for (const auto& col : metas[s].columns) {
      line += d.delimiter;
      csv::append_field(line, metas[s].label + "." + col, d);
    }
  }
  line.append(rec.eol);
  CRM_RETURN_IF_ERROR(out.write(line));

  CRM_ASSIGN_OR_RETURN(ResolvedCursor cursor, ResolvedCursor::open(job));
  uint64_t row = 0;
  RowFault fault("export", job.cancel());
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) {  // not a record: passed through as it stands
      line.assign(rec.text);
      line.append(rec.eol);
      CRM_RETURN_IF_ERROR(out.write(line));
      continue;
    }
    const uint64_t r = row++;
    fault.at(row);
    if ((row & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      job.report(reader.position() - d.header_offset, row);
    }
    line.assign(rec.text);
    bool malformed = rec.problem != csv::RecordProblem::kNone || rec.field_count() != crm.columns.size();
    if (!malformed) {
      for (size_t s = 1; s < metas.size(); ++s) {
        if (!cursor.done() && cursor.crm_row() == r && cursor.src() == static_cast<int>(s)) {
          CRM_RETURN_IF_ERROR(append_vendor_row(vendors[s], cursor.off(), cursor.len(), d, line, buf, spans, scratch));
          CRM_RETURN_IF_ERROR(cursor.advance());
        } else {
          append_empty_fields(metas[s].columns.size(), d, line);
        }
      }
    }
    if (!cursor.done() && cursor.crm_row() <= r)
      return Status::internal("resolved rows out of order at CRM row " + std::to_string(r));
    line.append(rec.eol);
    CRM_RETURN_IF_ERROR(out.write(line));
  }
  job.report(reader.position() - d.header_offset, row);
  if (!cursor.done()) return Status::internal("resolved rows beyond the CRM's last row");
  if (row != crm.rows) return Status::io_error(crm.display_name() + " changed while the job ran (row count differs)");
  return out.commit();
}

}  // namespace crmerge::merge
