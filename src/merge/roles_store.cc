#include "merge/roles_store.h"

#include "csv/reader.h"
#include "duck/result.h"

namespace crmerge::merge {

Result<std::vector<std::vector<StoredRole>>> load_roles(Job& job, size_t inputs) {
  std::vector<std::vector<StoredRole>> out(inputs);
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query("SELECT src, col, role, confidence, evidence FROM map_roles ORDER BY src, col"));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      auto src = static_cast<size_t>(chunk.int64(0, r));
      auto role = schema::role_from_name(chunk.varchar(2, r));
      if (src >= inputs || !role) return Status::internal("map_roles holds an unknown input or role");
      out[src].push_back({static_cast<int>(chunk.int64(1, r)), *role, chunk.float64(3, r), std::string(chunk.varchar(4, r))});
    }
  }
  return out;
}

std::vector<int> columns_with(const std::vector<StoredRole>& roles, schema::Role r) {
  std::vector<int> cols;
  for (const auto& s : roles)
    if (s.role == r) cols.push_back(s.col);
  return cols;
}

Result<std::vector<std::vector<std::string>>> sample_columns(const InputMeta& m, size_t rows, size_t per_column) {
  std::vector<std::vector<std::string>> samples(m.columns.size());
  csv::ReaderOptions ro;
  ro.start_offset = m.data_offset;
  ro.start_line = m.data_line;
  ro.expected_fields = m.columns.size();
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(m.scan_path, m.dialect, ro));
  csv::Record rec;
  std::string scratch;
  for (size_t seen = 0; seen < rows;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank || rec.problem != csv::RecordProblem::kNone) continue;
    ++seen;
    for (size_t c = 0; c < rec.field_count(); ++c) {
      if (samples[c].size() >= per_column) continue;
      std::string_view v = rec.field(c, m.dialect.quote, scratch);
      if (!v.empty()) samples[c].emplace_back(v);
    }
  }
  return samples;
}

}  // namespace crmerge::merge
