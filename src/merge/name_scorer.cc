#include "merge/name_scorer.h"

#include <optional>
#include <vector>

#include "base/files.h"
#include "csv/tokenizer.h"
#include "duck/appender.h"
#include "duck/prepared.h"
#include "duck/result.h"
#include "merge/input_meta.h"
#include "merge/roles_store.h"
#include "merge/row_names.h"

namespace crmerge::merge {

namespace {

// The pairs of a range with where both rows are; the CRM row's place comes
// from match_names.sql (one join per statement), the vendor row's from this
// join. A LEFT JOIN: a pair whose row has no place is an error, never a pair
// silently left out.
constexpr std::string_view kPairsWithPlaces =
    "SELECT n.crm_row, n.src, n.vendor_row, n.crm_off, n.crm_len, n.crm_line, v.off, v.len, v.line "
    "FROM match_named AS n LEFT JOIN keys_rows AS v ON v.src = n.src AND v.row = n.vendor_row "
    "WHERE n.crm_row >= $1 AND n.crm_row < $2";

// One input's rows, read back by place.
struct RowSource {
  const InputMeta* meta = nullptr;
  KeyColumns cols;
  InputFile file;
  std::string buf;
  csv::Record rec;

  // Reads the names of the row at [off, off + len), which starts on `line`.
  Status names_at(uint64_t off, uint32_t len, uint64_t line, RowNames& out) {
    buf.resize(len);
    CRM_RETURN_IF_ERROR(file.read_at(off, buf.data(), len));
    csv::ParsedRecord p = csv::parse_record(buf, true, meta->dialect, rec.fields);
    if (p.text_length != len || rec.fields.size() != meta->columns.size())
      return Status::io_error(meta->display_name() + " changed while the job ran (line " + std::to_string(line) +
                              " no longer reads the same)");
    rec.text = buf;
    read_names(rec, cols, meta->dialect.quote, out);
    return Status::ok();
  }
};

}  // namespace

struct NameScorer::State {
  Job* job = nullptr;
  std::vector<InputMeta> metas;
  std::vector<RowSource> sources;  // by src
  duck::Connection out_conn;
  duck::Appender out;
  std::optional<duck::PreparedStatement> pairs;
};

NameScorer::NameScorer(std::unique_ptr<State> s) : s_(std::move(s)) {}
NameScorer::NameScorer(NameScorer&&) noexcept = default;
NameScorer& NameScorer::operator=(NameScorer&&) noexcept = default;
NameScorer::~NameScorer() = default;

Result<NameScorer> NameScorer::open(Job& job) {
  auto s = std::make_unique<State>();
  s->job = &job;
  CRM_ASSIGN_OR_RETURN(s->metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, s->metas.size()));
  s->sources.resize(s->metas.size());
  for (size_t i = 0; i < s->metas.size(); ++i) {
    RowSource& r = s->sources[i];
    r.meta = &s->metas[i];
    r.cols = key_columns(roles[static_cast<size_t>(r.meta->src)]);
    CRM_ASSIGN_OR_RETURN(r.file, InputFile::open(r.meta->scan_path));
  }
  CRM_ASSIGN_OR_RETURN(s->out_conn, job.open_connection());
  CRM_ASSIGN_OR_RETURN(s->out, duck::Appender::open(s->out_conn, "match_conflicts"));
  CRM_ASSIGN_OR_RETURN(duck::PreparedStatement pairs, job.conn().prepare(kPairsWithPlaces));
  s->pairs.emplace(std::move(pairs));
  return NameScorer(std::move(s));
}

Status NameScorer::score(uint64_t lo, uint64_t hi) {
  State& s = *s_;
  CRM_RETURN_IF_ERROR(s.pairs->bind(1, lo));
  CRM_RETURN_IF_ERROR(s.pairs->bind(2, hi));
  duck::QueryControl control;
  control.cancel = &s.job->cancel();
  CRM_ASSIGN_OR_RETURN(duck::QueryResult q, s.pairs->execute(control));
  duck::DataChunk chunk;
  RowNames crm, vendor;
  uint64_t crm_row = UINT64_MAX;  // whose names `crm` holds (pairs of one CRM row often come together)
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      const uint64_t row = chunk.uint64(0, r);
      const auto src = static_cast<size_t>(chunk.int64(1, r));
      if (src == 0 || src >= s.sources.size() || chunk.is_null(6, r))
        return Status::internal("match: a pair's vendor row (input " + std::to_string(src) + ", row " +
                                std::to_string(chunk.uint64(2, r)) + ") has no place in keys_rows");
      if (chunk.is_null(3, r))
        return Status::internal("match: a pair's CRM row (row " + std::to_string(row) + ") has no place in keys_rows");
      if (row != crm_row) {
        CRM_RETURN_IF_ERROR(s.sources[0].names_at(chunk.uint64(3, r), static_cast<uint32_t>(chunk.uint64(4, r)),
                                                  chunk.uint64(5, r), crm));
        crm_row = row;
      }
      CRM_RETURN_IF_ERROR(s.sources[src].names_at(chunk.uint64(6, r), static_cast<uint32_t>(chunk.uint64(7, r)),
                                                  chunk.uint64(8, r), vendor));
      const NameConflicts c = compare_names(crm, vendor);
      CRM_RETURN_IF_ERROR(s.out.append(row));
      CRM_RETURN_IF_ERROR(s.out.append(static_cast<int32_t>(src)));
      CRM_RETURN_IF_ERROR(s.out.append(chunk.uint64(2, r)));
      CRM_RETURN_IF_ERROR(s.out.append_bool(c.last));
      CRM_RETURN_IF_ERROR(s.out.append_bool(c.first));
      CRM_RETURN_IF_ERROR(s.out.append_bool(c.scripts_differ));
      CRM_RETURN_IF_ERROR(s.out.end_row());
    }
    CRM_RETURN_IF_ERROR(s.job->cancel().check());
  }
  return Status::ok();
}

Status NameScorer::close() {
  s_->pairs.reset();
  return s_->out.close();
}

}  // namespace crmerge::merge
