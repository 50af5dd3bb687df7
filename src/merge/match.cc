// The match and resolve phases: set-based, in DuckDB (src/merge/sql/), but for
// the last step of the match: deciding among the candidates of each CRM row
// and vendor, over one sorted stream (sql/match_decide.sql says why).
#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "base/strings.h"
#include "duck/appender.h"
#include "duck/prepared.h"
#include "duck/result.h"
#include "merge/key_groups.h"
#include "merge/key_runs.h"
#include "merge/name_scorer.h"
#include "merge/phases.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

struct Candidate {
  uint64_t crm_row = 0;
  int32_t src = 0;
  uint64_t vendor_row = 0;
  uint64_t best_kind = 0;
  uint64_t shared = 0;
  uint64_t kinds = 0;
};

// The columns match_candidates and match_pairs begin with, in their order.
Status append_candidate(duck::Appender& to, const Candidate& c) {
  CRM_RETURN_IF_ERROR(to.append(c.crm_row));
  CRM_RETURN_IF_ERROR(to.append(c.src));
  CRM_RETURN_IF_ERROR(to.append(c.vendor_row));
  CRM_RETURN_IF_ERROR(to.append(c.best_kind));
  CRM_RETURN_IF_ERROR(to.append(c.shared));
  return to.append(c.kinds);
}

// One (CRM row, vendor) group of the stream, decided as its rows arrive:
// only the match is held, until the group ends and its ties are counted.
class Decider {
 public:
  Decider(duck::Appender& candidates, duck::Appender& pairs) : candidates_(candidates), pairs_(pairs) {}

  Status add(const Candidate& c, std::optional<std::string_view> rejection) {
    if (c.crm_row != group_row_ || c.src != group_src_) {
      CRM_RETURN_IF_ERROR(end_group());
      group_row_ = c.crm_row;
      group_src_ = c.src;
    }
    if (rejection) return write(c, "rejected", *rejection);
    ++accepted_;
    if (!match_) {  // the match: written to match_pairs when the group ends
      match_ = c;
      tied_ = 1;
      return Status::ok();
    }
    if (c.best_kind == match_->best_kind && c.shared == match_->shared) {
      ++tied_;
      return write(c, "tie_lost", "tied with the match; the earlier vendor row won");
    }
    return write(c, "outranked", "a stronger or better-agreeing candidate won");
  }

  // The group's match, if it has one, with whether it was a tie.
  Status end_group() {
    if (match_) {
      CRM_RETURN_IF_ERROR(append_candidate(pairs_, *match_));
      CRM_RETURN_IF_ERROR(pairs_.append_bool(tied_ > 1));
      CRM_RETURN_IF_ERROR(pairs_.append(accepted_));
      CRM_RETURN_IF_ERROR(pairs_.end_row());
    }
    match_.reset();
    accepted_ = tied_ = 0;
    return Status::ok();
  }

 private:
  Status write(const Candidate& c, std::string_view decision, std::string_view reason) {
    CRM_RETURN_IF_ERROR(append_candidate(candidates_, c));
    CRM_RETURN_IF_ERROR(candidates_.append(decision));
    CRM_RETURN_IF_ERROR(candidates_.append(reason));
    return candidates_.end_row();
  }

  duck::Appender& candidates_;
  duck::Appender& pairs_;
  uint64_t group_row_ = 0;
  int32_t group_src_ = -1;  // (no vendor is -1: the first candidate starts a group)
  std::optional<Candidate> match_;  // set once the group has an accepted candidate
  uint64_t accepted_ = 0, tied_ = 0;
};

// Shared keys per range of CRM rows in sql/match_score.sql: for each megabyte
// of the memory limit, 8192 (4M at 512MB). At 50M CRM rows the aggregate over
// 57M at once ran out of 512MB. At 10M (29M) in 4 ranges a run ran out of
// memory in it once in four (2026-11-29, "failed to allocate 64.0 MiB"), and
// the names join (then of every pair) spilled: 8 ranges took ~30 s against ~60 s for 4. Below the
// size of one range (1M CRM rows: 2.9M) there is one range and nothing changes.
// sql/match_names.sql's pairs and sql/match_decide.sql's are cut the same way.
constexpr uint64_t kLinksPerMegabyte = 8192;

// Ranges of CRM rows, so many that each holds at most the memory limit's share
// of the rows that a query counts. (Cut by CRM row number: the shared keys
// spread evenly enough over the rows.)
struct CrmRanges {
  uint64_t rows = 0, end_row = 0, count = 1;  // end_row: the first CRM row past them
  uint64_t first(uint64_t k) const { return end_row * k / count; }
  uint64_t end(uint64_t k) const { return end_row * (k + 1) / count; }
};

// `count_sql` returns the rows and the first CRM row past them.
Result<CrmRanges> cut_into_crm_ranges(Job& job, const std::string& count_sql) {
  CRM_ASSIGN_OR_RETURN(duck::QueryResult q, job.conn().query(count_sql));
  duck::DataChunk chunk;
  CRM_ASSIGN_OR_RETURN(bool got, q.next(chunk));
  CrmRanges r;
  r.rows = got ? chunk.uint64(0, 0) : 0;
  r.end_row = got ? chunk.uint64(1, 0) : 0;
  const uint64_t per_range = job.options().match_links_per_range > 0 ? job.options().match_links_per_range
                                                                     : memory_limit_megabytes(job.options()) * kLinksPerMegabyte;
  r.count = std::max<uint64_t>(1, (r.rows + per_range - 1) / per_range);
  return r;
}

// Reads sql/match_decide.sql's stream on the job's connection and writes
// through another connection's appenders (a connection runs one statement at
// a time) into the tables sql/match.sql emptied, then drops the pairs and
// their conflicts.
Status decide(Job& job) {
  // In ranges of CRM rows, one after another: a CRM row's candidates are all
  // in one range, and each range's sort fits in memory where the whole one
  // spilled (the decisions are those of one stream).
  CRM_ASSIGN_OR_RETURN(CrmRanges ranges,
                       cut_into_crm_ranges(job, "SELECT count(*), coalesce(max(crm_row) + 1, 0) FROM match_strong"));
  const uint64_t total = ranges.rows;
  CRM_ASSIGN_OR_RETURN(duck::Connection out, job.open_connection());
  CRM_ASSIGN_OR_RETURN(duck::Appender candidates, duck::Appender::open(out, "match_candidates"));
  CRM_ASSIGN_OR_RETURN(duck::Appender pairs, duck::Appender::open(out, "match_pairs"));
  Decider decider(candidates, pairs);
  duck::QueryControl control;
  control.cancel = &job.cancel();
  CRM_ASSIGN_OR_RETURN(duck::PreparedStatement stmt, job.conn().prepare(sql::match_decide));
  uint64_t done = 0;
  duck::DataChunk chunk;
  for (uint64_t k = 0; k < ranges.count; ++k) {
    auto in_decide = [&](const Status& s) {
      return s.with_context("match_decide.sql, range " + std::to_string(k + 1) + " of " + std::to_string(ranges.count));
    };
    CRM_RETURN_IF_ERROR(stmt.bind(1, ranges.first(k)));
    CRM_RETURN_IF_ERROR(stmt.bind(2, ranges.end(k)));
    auto query = stmt.execute(control);
    if (!query.is_ok()) return in_decide(query.status());
    duck::QueryResult q = std::move(query).value();
    for (;;) {
      auto next = q.next(chunk);
      if (!next.is_ok()) return in_decide(next.status());
      const bool more = *next;
      if (!more) break;
      for (size_t r = 0; r < chunk.size(); ++r) {
        Candidate c{chunk.uint64(0, r), static_cast<int32_t>(chunk.int64(1, r)), chunk.uint64(2, r),
                    chunk.uint64(3, r), chunk.uint64(4, r), chunk.uint64(5, r)};
        std::optional<std::string_view> rejection;
        if (!chunk.is_null(6, r)) rejection = chunk.varchar(6, r);
        CRM_RETURN_IF_ERROR(decider.add(c, rejection));
      }
      done += chunk.size();
      CRM_RETURN_IF_ERROR(job.cancel().check());
      job.report(total > 0 ? done * 1000 / total : 1000, done);
    }
  }
  CRM_RETURN_IF_ERROR(decider.end_group());
  CRM_RETURN_IF_ERROR(candidates.close());
  CRM_RETURN_IF_ERROR(pairs.close());
  return job.sql("DROP TABLE match_strong; DROP TABLE match_conflicts");
}

// CRM rows of one LinkedIn profile held in memory (merge/key_groups.h): 1 MiB.
constexpr uint64_t kCrmRowsPerKey = 65536;

// Merges the runs of keys (merge/key_runs.h) into one stream by key, from which
// merge/key_groups.h writes match_weak and match_links (through appenders on a
// connection of their own), then match_role_mailboxes.
Status link_keys(Job& job) {
  CRM_ASSIGN_OR_RETURN(RunMerger keys, RunMerger::open({job.folder().keys_dir()}));
  const uint64_t total = keys.records();
  CRM_ASSIGN_OR_RETURN(duck::Connection out, job.open_connection());
  CRM_ASSIGN_OR_RETURN(duck::Appender weak, duck::Appender::open(out, "match_weak"));
  CRM_ASSIGN_OR_RETURN(duck::Appender links, duck::Appender::open(out, "match_links"));
  const MergeOptions& o = job.options();
  KeyGroups groups(weak, links, o.match_crm_rows_per_key > 0 ? o.match_crm_rows_per_key : kCrmRowsPerKey,
                   job.folder().spill_dir());
  KeyRecord r;
  for (uint64_t done = 1;; ++done) {
    CRM_ASSIGN_OR_RETURN(bool more, keys.next(r));
    if (!more) break;
    CRM_RETURN_IF_ERROR(groups.add(r));
    if ((done & 0xFFFF) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      job.report(done * 1000 / total, done);
    }
  }
  CRM_RETURN_IF_ERROR(groups.finish());
  CRM_RETURN_IF_ERROR(weak.close());
  CRM_RETURN_IF_ERROR(links.close());
  CRM_ASSIGN_OR_RETURN(duck::Appender roles, duck::Appender::open(out, "match_role_mailboxes"));
  const auto& counts = groups.role_mailboxes();
  for (size_t src = 0; src < counts.size(); ++src) {
    if (counts[src].rows == 0) continue;
    CRM_RETURN_IF_ERROR(roles.append(static_cast<int32_t>(src)));
    CRM_RETURN_IF_ERROR(roles.append(counts[src].rows));
    CRM_RETURN_IF_ERROR(roles.append(counts[src].keys));
    CRM_RETURN_IF_ERROR(roles.end_row());
  }
  return roles.close();
}

// Runs each statement of `script` ($1, $2: a range of CRM rows), then `after`
// if given, once per range of the rows `count_sql` counts (cut_into_crm_ranges).
Status run_in_ranges(Job& job, std::string_view script, std::string_view script_name, const std::string& count_sql,
                     const std::function<Status(uint64_t lo, uint64_t hi)>& after = {}) {
  CRM_ASSIGN_OR_RETURN(CrmRanges ranges, cut_into_crm_ranges(job, count_sql));
  CRM_ASSIGN_OR_RETURN(std::vector<duck::PreparedStatement> statements, job.conn().prepare_each(script));
  for (uint64_t k = 0; k < ranges.count; ++k) {
    const uint64_t lo = ranges.first(k), hi = ranges.end(k);
    for (size_t i = 0; i < statements.size(); ++i) {
      CRM_RETURN_IF_ERROR(statements[i].bind(1, lo));
      CRM_RETURN_IF_ERROR(statements[i].bind(2, hi));
      Status st = job.run(statements[i]);
      if (!st.is_ok())
        return st.with_context(std::string(script_name) + " statement " + std::to_string(i + 1) + " of " +
                               std::to_string(statements.size()) + ", range " + std::to_string(k + 1) + " of " +
                               std::to_string(ranges.count));
    }
    if (after) CRM_RETURN_IF_ERROR(after(lo, hi));
  }
  return Status::ok();
}

Status score_pairs(Job& job) {
  CRM_RETURN_IF_ERROR(run_in_ranges(job, sql::match_score, "match_score.sql",
                                    "SELECT count(*), coalesce(max(crm_row) + 1, 0) FROM match_links"));
  CRM_ASSIGN_OR_RETURN(NameScorer names, NameScorer::open(job));
  CRM_RETURN_IF_ERROR(run_in_ranges(job, sql::match_names, "match_names.sql",
                                    "SELECT count(*), coalesce(max(crm_row) + 1, 0) FROM match_strong "
                                    "WHERE names_differ AND bit_count(strong_kinds) = 1",
                                    [&](uint64_t lo, uint64_t hi) {
                                      Status st = names.score(lo, hi);
                                      if (st.is_ok()) return st;
                                      return st.with_context("the names of the pairs of CRM rows " + std::to_string(lo) +
                                                             " up to " + std::to_string(hi));
                                    }));
  CRM_RETURN_IF_ERROR(names.close());
  return job.sql("DROP TABLE match_links; DROP TABLE match_named");
}

}  // namespace

Status match_rows(Job& job) {
  job.progress().begin("match", 1000, ProgressUnit::kPermille);
  CRM_RETURN_IF_ERROR(job.sql(sql::match));
  CRM_RETURN_IF_ERROR(link_keys(job));
  CRM_RETURN_IF_ERROR(score_pairs(job));
  return decide(job);
}

Status resolve_fields(Job& job) {
  job.progress().begin("resolve", 1000, ProgressUnit::kPermille);
  return job.sql(sql::resolve);
}

}  // namespace crmerge::merge
