// The keys phase: one pass over each input, reading only what it needs, into
// DuckDB tables (which spill), never into containers that grow with the input.
#include "base/fault.h"
#include "csv/reader.h"
#include "duck/appender.h"
#include "merge/input_meta.h"
#include "merge/key_columns.h"
#include "merge/phases.h"
#include "merge/sql_files.h"
#include "normalize/email.h"

namespace crmerge::merge {

namespace {

constexpr uint8_t kKindEmail = 1;

Status keys_of_input(Job& job, const InputMeta& m, const std::vector<int>& email_cols, uint64_t progress_base,
                     uint64_t rows_base, duck::Appender& values, duck::Appender& rows) {
  csv::ReaderOptions ro;
  ro.start_offset = m.data_offset;
  ro.start_line = m.data_line;
  ro.expected_fields = m.columns.size();
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(m.scan_path, m.dialect, ro));
  csv::Record rec;
  std::string scratch;
  uint64_t row = 0;
  RowFault fault("keys", job.cancel());
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) continue;
    const uint64_t r = row++;
    fault.at(row);
    if ((row & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      job.report(progress_base + reader.position() - m.data_offset, rows_base + row);
    }
    if (rec.problem != csv::RecordProblem::kNone) continue;  // reported by import; never a key
    bool any = false;
    for (int col : email_cols) {
      auto key = normalize::email_key(rec.field(static_cast<size_t>(col), m.dialect.quote, scratch));
      if (!key) continue;
      any = true;
      CRM_RETURN_IF_ERROR(values.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(values.append(r));
      CRM_RETURN_IF_ERROR(values.append(static_cast<int32_t>(kKindEmail)));
      CRM_RETURN_IF_ERROR(values.append(std::string_view(*key)));
      CRM_RETURN_IF_ERROR(values.end_row());
    }
    if (any && m.src > 0) {
      CRM_RETURN_IF_ERROR(rows.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(rows.append(r));
      CRM_RETURN_IF_ERROR(rows.append(rec.offset));
      CRM_RETURN_IF_ERROR(rows.append(static_cast<int32_t>(rec.text.size())));
      CRM_RETURN_IF_ERROR(rows.end_row());
    }
  }
  job.report(progress_base + reader.position() - m.data_offset, rows_base + row);
  return Status::ok();
}

}  // namespace

Status extract_keys(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::clear_keys));
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto email_cols, load_key_columns(job, metas.size(), "email"));
  uint64_t total = 0;
  for (const auto& m : metas) total += m.bytes - m.data_offset;
  job.progress().begin("keys", total, ProgressUnit::kBytes);
  CRM_ASSIGN_OR_RETURN(auto values, duck::Appender::open(job.conn(), "keys_values"));
  CRM_ASSIGN_OR_RETURN(auto rows, duck::Appender::open(job.conn(), "keys_rows"));
  uint64_t base = 0, rows_done = 0;
  for (const auto& m : metas) {
    CRM_RETURN_IF_ERROR(keys_of_input(job, m, email_cols[m.src], base, rows_done, values, rows));
    base += m.bytes - m.data_offset;
    rows_done += m.rows;
  }
  CRM_RETURN_IF_ERROR(values.close());
  return rows.close();
}

}  // namespace crmerge::merge
