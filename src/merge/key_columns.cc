#include "merge/key_columns.h"

#include "duck/prepared.h"

namespace crmerge::merge {

Result<std::vector<std::vector<int>>> load_key_columns(Job& job, size_t inputs, std::string_view role) {
  std::vector<std::vector<int>> cols(inputs);
  CRM_ASSIGN_OR_RETURN(auto stmt, job.conn().prepare("SELECT src, col FROM map_roles WHERE role = $1 ORDER BY src, col"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, role));
  CRM_ASSIGN_OR_RETURN(auto result, stmt.execute());
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, result.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      auto src = static_cast<size_t>(chunk.int64(0, r));
      if (src < inputs) cols[src].push_back(static_cast<int>(chunk.int64(1, r)));
    }
  }
  return cols;
}

}  // namespace crmerge::merge
