#include "merge/input_meta.h"

#include "duck/appender.h"
#include "duck/prepared.h"

namespace crmerge::merge {

namespace {

csv::Encoding encoding_from_name(const std::string& name) {
  for (auto e : {csv::Encoding::kUtf8, csv::Encoding::kUtf16Le, csv::Encoding::kUtf16Be, csv::Encoding::kWindows1252})
    if (name == csv::encoding_name(e)) return e;
  return csv::Encoding::kUtf8;
}

}  // namespace

std::string InputMeta::display_name() const {
  if (src == 0) return display;
  return label + " (" + display + ")";
}

Status store_input_meta(Job& job, const InputMeta& m) {
  CRM_ASSIGN_OR_RETURN(auto stmt, job.conn().prepare(
                                      "INSERT INTO input_meta VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                                      "$12, $13, $14, $15)"));
  const csv::Dialect& d = m.dialect;
  CRM_RETURN_IF_ERROR(stmt.bind(1, m.src));
  CRM_RETURN_IF_ERROR(stmt.bind(2, m.scan_path));
  CRM_RETURN_IF_ERROR(stmt.bind(3, csv::encoding_name(d.encoding)));
  CRM_RETURN_IF_ERROR(stmt.bind(4, std::string_view(&d.delimiter, 1)));
  CRM_RETURN_IF_ERROR(stmt.bind(5, d.quote_all));
  CRM_RETURN_IF_ERROR(stmt.bind(6, d.newline));
  CRM_RETURN_IF_ERROR(stmt.bind(7, d.bom));
  CRM_RETURN_IF_ERROR(stmt.bind(8, d.header_offset));
  CRM_RETURN_IF_ERROR(stmt.bind(9, d.header_line));
  CRM_RETURN_IF_ERROR(stmt.bind(10, m.data_offset));
  CRM_RETURN_IF_ERROR(stmt.bind(11, m.data_line));
  CRM_RETURN_IF_ERROR(stmt.bind(12, m.rows));
  CRM_RETURN_IF_ERROR(stmt.bind(13, m.blank_lines));
  CRM_RETURN_IF_ERROR(stmt.bind(14, m.malformed));
  CRM_RETURN_IF_ERROR(stmt.bind(15, m.bytes));
  CRM_RETURN_IF_ERROR(stmt.run());
  CRM_ASSIGN_OR_RETURN(auto app, duck::Appender::open(job.conn(), "input_columns"));
  for (size_t i = 0; i < m.columns.size(); ++i) {
    CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(m.src)));
    CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(i)));
    CRM_RETURN_IF_ERROR(app.append(std::string_view(m.columns[i])));
    CRM_RETURN_IF_ERROR(app.end_row());
  }
  return app.close();
}

Result<std::vector<InputMeta>> load_input_meta(Job& job) {
  std::vector<InputMeta> metas;
  for (const auto& in : job.inputs()) {
    InputMeta m;
    m.src = in.src;
    m.label = in.label;
    m.display = in.display;
    metas.push_back(std::move(m));
  }
  CRM_ASSIGN_OR_RETURN(auto result, job.conn().query(
                                        "SELECT src, scan_path, encoding, delimiter, quote_all, newline, bom, "
                                        "header_offset, header_line, data_offset, data_line, rows, blank_lines, "
                                        "malformed, bytes FROM input_meta ORDER BY src"));
  duck::DataChunk chunk;
  size_t seen = 0;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, result.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      auto src = static_cast<size_t>(chunk.int64(0, r));
      if (src >= metas.size()) return Status::internal("input_meta has an unknown input");
      InputMeta& m = metas[src];
      m.scan_path = std::string(chunk.varchar(1, r));
      m.dialect.encoding = encoding_from_name(std::string(chunk.varchar(2, r)));
      m.dialect.delimiter = chunk.varchar(3, r)[0];
      m.dialect.quote_all = chunk.boolean(4, r);
      m.dialect.newline = std::string(chunk.varchar(5, r));
      m.dialect.bom = chunk.boolean(6, r);
      m.dialect.header_offset = chunk.uint64(7, r);
      m.dialect.header_line = chunk.uint64(8, r);
      m.data_offset = chunk.uint64(9, r);
      m.data_line = chunk.uint64(10, r);
      m.rows = chunk.uint64(11, r);
      m.blank_lines = chunk.uint64(12, r);
      m.malformed = chunk.uint64(13, r);
      m.bytes = chunk.uint64(14, r);
      ++seen;
    }
  }
  if (seen != metas.size()) return Status::internal("input_meta is incomplete: the import phase did not finish");
  CRM_ASSIGN_OR_RETURN(auto cols, job.conn().query("SELECT src, col, name FROM input_columns ORDER BY src, col"));
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, cols.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      auto src = static_cast<size_t>(chunk.int64(0, r));
      if (src < metas.size()) metas[src].columns.emplace_back(chunk.varchar(2, r));
    }
  }
  return metas;
}

}  // namespace crmerge::merge
