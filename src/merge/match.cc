// The match and resolve phases. The match: the keys' runs merged by key (a
// part of the keys per worker) find the weak keys and the links
// (merge/key_groups.h); the links' runs merged by
// pair give the pairs, decided per CRM row and vendor (merge/pairs.h) in the
// same pass, their names compared first where they matter (merge/name_scorer.h).
// Resolve: the phones of the matched rows, in DuckDB (sql/resolve.sql).
#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "base/files.h"
#include "duck/appender.h"
#include "merge/input_meta.h"
#include "merge/key_groups.h"
#include "merge/key_runs.h"
#include "merge/name_scorer.h"
#include "merge/pairs.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

// Pairs whose names are read back and compared at a time (merge/name_scorer.h):
// two batches of reads each (~1 MiB of rows).
constexpr size_t kNamedPairsPerBatch = 2048;

// CRM rows of one LinkedIn profile held in memory (merge/key_groups.h): 1 MiB.
constexpr uint64_t kCrmRowsPerKey = 65536;

// Pairs of one CRM row and vendor held in memory while they are decided
// (merge/pairs.h): 2.5 MiB.
constexpr size_t kPairsPerGroup = 65536;

// Links per sorted run: for each megabyte of the memory limit, 2048 (48 KiB of
// 24-byte records: 24 MiB at 512MB, beside the keys' merge's read buffers, 32
// MiB, and DuckDB's share, which the match fills from 10M CRM rows on).
constexpr uint64_t kLinksPerRunPerMegabyte = 2048;

// The runs' read buffers when merged: a sixteenth of the memory limit (32 MiB at 512MB).
size_t merge_buffer_bytes(const Job& job) { return static_cast<size_t>(memory_limit_megabytes(job.options()) << 16); }

// The keys' pass is cut into parts, one for each worker (--threads), merged
// apart: each part takes its records from every run, a range of them found by
// a binary search (merge/sorted_runs.h), so that the records of one key are
// never in two parts. What the parts write goes to a table whose readers sort
// it, and to runs of links merged as one stream afterwards: the same bytes
// come out whatever the count of parts. (On one core the match was a sixth of
// a 10M-row run: 29 s; with the keys' pass cut in two, 27 s, and cutting the
// pairs' pass too, 21 s: decide().)

// Runs `work(part)` for each of `parts` parts, each on a worker of its own.
// The first part to fail stops the others (`stop`, which they check as they
// report progress) and its failure is the one returned.
Status run_parts(size_t parts, std::atomic<bool>& stop, const std::function<Status(size_t)>& work) {
  std::vector<size_t> ids(parts);
  for (size_t k = 0; k < parts; ++k) ids[k] = k;
  std::mutex mu;
  Status first = Status::ok();
  Status ran = run_parallel(ids, static_cast<int>(parts), [&](size_t k) {
    Status s = work(k);
    if (!s.is_ok() && !stop.exchange(true)) {
      std::lock_guard<std::mutex> lock(mu);
      first = s;
    }
    return s;
  });
  return first.is_ok() ? ran : first;
}

// A part stopped because another failed (that failure is returned instead).
Status stopped() { return Status::cancelled("stopped: another part of the match failed"); }

// A part's items between two reports of the pass's progress.
constexpr uint64_t kItemsPerReport = 0x10000;

// Called by a part after each kItemsPerReport of its items: the job's
// cancellation and the others' failure stop it; else the parts' sum, of
// `total`, is reported.
Status report_part(Job& job, std::atomic<uint64_t>& reported, uint64_t total, const std::atomic<bool>& stop) {
  CRM_RETURN_IF_ERROR(job.cancel().check());
  if (stop) return stopped();
  const uint64_t d = reported += kItemsPerReport;
  job.report(total > 0 ? std::min<uint64_t>(1000, d * 1000 / total) : 1000, d);
  return Status::ok();
}

// The records of one part of the keys: those whose first hash is in
// [k * 2^64 / parts, (k + 1) * 2^64 / parts) (the hashes are uniform: the
// parts are even), with what they write.
struct KeysPart {
  std::optional<RunMerger<KeyRecord>> keys;
  duck::Connection out;
  std::optional<duck::Appender> weak;
  std::optional<RunWriter<LinkRecord>> links;
  std::optional<KeyGroups> groups;  // (writes through `weak` and `links`: a part is never moved)
};

// The first record a part of the keys starts at: its other fields 0, it goes
// before or equals every record whose first hash is `h1` or more, so a key's
// records all fall on one side of it.
KeyRecord key_bound(uint64_t h1) {
  KeyRecord b;
  b.h1 = h1;
  return b;
}

// Merges the runs of keys (merge/key_runs.h) into one stream by key, a part
// at a time, from which merge/key_groups.h writes match_weak (through an
// appender on a connection of the part's own), the runs of links, then
// match_role_mailboxes.
Status link_keys(Job& job) {
  CRM_RETURN_IF_ERROR(remove_all(job.folder().links_dir()));
  CRM_RETURN_IF_ERROR(make_directories(job.folder().links_dir()));
  const size_t parts = static_cast<size_t>(pass_workers(job));
  const MergeOptions& o = job.options();
  const size_t run_links =
      (o.key_run_records > 0 ? o.key_run_records : memory_limit_megabytes(o) * kLinksPerRunPerMegabyte) / parts;
  std::vector<std::unique_ptr<KeysPart>> ps;
  uint64_t total = 0;
  for (size_t k = 0; k < parts; ++k) {
    auto p = std::make_unique<KeysPart>();
    const KeyRecord from = key_bound(std::numeric_limits<uint64_t>::max() / parts * k);
    const KeyRecord to = key_bound(std::numeric_limits<uint64_t>::max() / parts * (k + 1));
    CRM_ASSIGN_OR_RETURN(auto keys, RunMerger<KeyRecord>::open(job.folder().keys_dir(), merge_buffer_bytes(job) / parts,
                                                               k > 0 ? &from : nullptr, k + 1 < parts ? &to : nullptr));
    p->keys.emplace(std::move(keys));
    total += p->keys->records();
    CRM_ASSIGN_OR_RETURN(p->out, job.open_connection());
    CRM_ASSIGN_OR_RETURN(auto weak, duck::Appender::open(p->out, "match_weak"));
    p->weak.emplace(std::move(weak));
    p->links.emplace(job.folder().links_dir(), "links-" + std::to_string(k), run_links);
    p->groups.emplace(*p->weak, *p->links, kCrmRowsPerKey,
                      job.folder().spill_dir() + "/crm-rows-of-one-key-" + std::to_string(k) + ".tmp");
    ps.push_back(std::move(p));
  }
  // How many runs the keys phase wrote (more than one per worker: its buffers
  // filled), for the summary: the runs themselves are deleted after the match.
  CRM_RETURN_IF_ERROR(job.sql("DELETE FROM job_meta WHERE key = 'keys_runs'; INSERT INTO job_meta VALUES ('keys_runs', '" +
                              std::to_string(ps[0]->keys->runs()) + "')"));
  std::atomic<uint64_t> reported{0};  // the parts' records, summed
  std::atomic<bool> stop{false};
  CRM_RETURN_IF_ERROR(run_parts(parts, stop, [&](size_t k) -> Status {
    KeysPart& p = *ps[k];
    KeyRecord r;
    for (uint64_t done = 1;; ++done) {
      CRM_ASSIGN_OR_RETURN(bool more, p.keys->next(r));
      if (!more) break;
      CRM_RETURN_IF_ERROR(p.groups->add(r));
      if (done % kItemsPerReport == 0) CRM_RETURN_IF_ERROR(report_part(job, reported, total, stop));
    }
    CRM_RETURN_IF_ERROR(p.groups->finish());
    CRM_RETURN_IF_ERROR(p.weak->close());
    return p.links->close();
  }));
  std::vector<KeyGroups::RoleMailboxes> counts;
  for (const auto& p : ps) {
    const auto& c = p->groups->role_mailboxes();
    if (counts.size() < c.size()) counts.resize(c.size());
    for (size_t src = 0; src < c.size(); ++src) {
      counts[src].rows += c[src].rows;
      counts[src].keys += c[src].keys;
    }
  }
  CRM_ASSIGN_OR_RETURN(duck::Appender roles, duck::Appender::open(ps[0]->out, "match_role_mailboxes"));
  for (size_t src = 0; src < counts.size(); ++src) {
    if (counts[src].rows == 0) continue;
    CRM_RETURN_IF_ERROR(roles.append(static_cast<int32_t>(src)));
    CRM_RETURN_IF_ERROR(roles.append(counts[src].rows));
    CRM_RETURN_IF_ERROR(roles.append(counts[src].keys));
    CRM_RETURN_IF_ERROR(roles.end_row());
  }
  return roles.close();
}

// Pairs held back while the names of those among them that matter are read
// (merge/name_scorer.h), for each pair of a batch of names: when 32 times the
// batch are held, the names are compared whatever their number (names matter
// for ~2% of the pairs; 64k pairs, 4 MiB, at the default batch).
constexpr size_t kHeldPairsPerNamedPair = 32;

// The pairs of one part of the CRM's rows, with what decides them and where
// the decisions go (a connection of the part's own: a connection runs one
// statement at a time).
struct PairsPart {
  std::optional<PairReader> pairs;
  std::optional<NameScorer> names;
  duck::Connection out;
  std::optional<duck::Appender> candidates, matches;
  std::optional<PairDecider> decider;  // (appends through `candidates` and `matches`: a part is never moved)
  uint64_t pairs_seen = 0;
};

// Decides each (CRM row, vendor) of a part among its pairs (merge/pairs.h) as
// the part's links merge into pairs, into the tables sql/match.sql emptied.
// The pairs whose names matter have their names compared first, a batch at a
// time (merge/name_scorer.h): the pairs from the first of them on wait in
// `held` until the batch is scored, then go to the decider in their order.
Status decide_part(Job& job, PairsPart& part, size_t per_batch, uint64_t total, std::atomic<uint64_t>& reported,
                   const std::atomic<bool>& stop) {
  PairDecider& decider = *part.decider;
  NameScorer& names = *part.names;
  const size_t held_at_most = per_batch * kHeldPairsPerNamedPair;
  std::vector<Pair> held;
  std::vector<NameConflicts> conflicts;
  auto decide_held = [&]() -> Status {
    CRM_RETURN_IF_ERROR(names.score(conflicts));
    size_t k = 0;  // the next conflict: that of the next held pair whose names matter
    for (const Pair& h : held) {
      std::optional<NameConflicts> c;
      if (h.names_matter()) {
        if (k == conflicts.size()) return Status::internal("match: fewer names scored than pairs held");
        c = conflicts[k++];
      }
      CRM_RETURN_IF_ERROR(decider.add(h, rejection(h, c)));
    }
    held.clear();
    return Status::ok();
  };
  Pair p;
  uint64_t& n = part.pairs_seen;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, part.pairs->next(p));
    if (!more) break;
    ++n;
    if (p.names_matter()) {
      CRM_RETURN_IF_ERROR(names.add(p.crm_row, p.src, p.vendor_row));
      held.push_back(p);
      if (names.queued() >= per_batch || held.size() >= held_at_most) CRM_RETURN_IF_ERROR(decide_held());
    } else if (!held.empty()) {
      held.push_back(p);
      if (held.size() >= held_at_most) CRM_RETURN_IF_ERROR(decide_held());
    } else {
      CRM_RETURN_IF_ERROR(decider.add(p, rejection(p, std::nullopt)));
    }
    if (n % kItemsPerReport == 0) CRM_RETURN_IF_ERROR(report_part(job, reported, total, stop));
  }
  CRM_RETURN_IF_ERROR(decide_held());
  CRM_RETURN_IF_ERROR(decider.finish());
  CRM_RETURN_IF_ERROR(part.candidates->close());
  return part.matches->close();
}

// The pairs' pass, cut as the keys' pass is: a part of the CRM's rows per
// worker, each merging its range of the links from every run (a CRM row's
// links are all in one part), with its own names, decider and appenders. The
// tables' readers sort what they read: the same bytes come out whatever the
// parts. Each part's appenders hand their rows to the tables a row group at a
// time (duck/appender.h): with DuckDB's own flushes, two parts took ~50 MB
// more than one at 10M CRM rows, the run's peak; flushed every 65536 pairs,
// less than a row group, the time the parts saved was lost again
// (bench/RESULTS.md, the tenth and eleventh sessions).
Status decide(Job& job) {
  const size_t parts = static_cast<size_t>(pass_workers(job));
  const size_t per_batch = job.options().name_pairs_per_batch > 0
                               ? static_cast<size_t>(job.options().name_pairs_per_batch) : kNamedPairsPerBatch;
  CRM_ASSIGN_OR_RETURN(std::vector<InputMeta> metas, load_input_meta(job));
  const uint64_t crm_rows = metas.empty() ? 0 : metas[0].rows;
  std::vector<std::unique_ptr<PairsPart>> ps;
  uint64_t total = 0;
  for (size_t k = 0; k < parts; ++k) {
    auto p = std::make_unique<PairsPart>();
    LinkRecord from, to;  // (their other fields 0: before every link of their CRM row)
    from.crm_row = crm_rows * k / parts;
    to.crm_row = crm_rows * (k + 1) / parts;
    CRM_ASSIGN_OR_RETURN(auto links, RunMerger<LinkRecord>::open(job.folder().links_dir(), merge_buffer_bytes(job) / parts,
                                                                 k > 0 ? &from : nullptr, k + 1 < parts ? &to : nullptr));
    p->pairs.emplace(std::move(links));
    total += p->pairs->links();
    CRM_ASSIGN_OR_RETURN(auto names, NameScorer::open(job));
    p->names.emplace(std::move(names));
    CRM_ASSIGN_OR_RETURN(p->out, job.open_connection());
    CRM_ASSIGN_OR_RETURN(auto candidates, duck::Appender::open(p->out, "match_candidates", duck::kRowGroupRows));
    p->candidates.emplace(std::move(candidates));
    CRM_ASSIGN_OR_RETURN(auto matches, duck::Appender::open(p->out, "match_pairs", duck::kRowGroupRows));
    p->matches.emplace(std::move(matches));
    p->decider.emplace(*p->candidates, *p->matches, kPairsPerGroup,
                       job.folder().spill_dir() + "/pairs-of-one-row-" + std::to_string(k) + ".tmp");
    ps.push_back(std::move(p));
  }
  std::atomic<uint64_t> reported{0};  // the parts' pairs, summed
  std::atomic<bool> stop{false};
  CRM_RETURN_IF_ERROR(run_parts(parts, stop, [&](size_t k) {
    return decide_part(job, *ps[k], per_batch, total, reported, stop);
  }));
  uint64_t pairs = 0;
  for (const auto& p : ps) pairs += p->pairs_seen;
  job.report(1000, pairs);
  ps.clear();
  return remove_all(job.folder().links_dir());
}

}  // namespace

Status match_rows(Job& job) {
  job.progress().begin("match", 1000, ProgressUnit::kPermille);
  CRM_RETURN_IF_ERROR(job.sql(sql::match));
  CRM_RETURN_IF_ERROR(link_keys(job));
  return decide(job);
}

Status resolve_fields(Job& job) {
  job.progress().begin("resolve", 1000, ProgressUnit::kPermille);
  // The keys' runs served the match alone, which is done: they leave the job
  // folder before the export writes the output beside it (~0.34 GB at 1M CRM
  // rows, ~8 GB at 50M). A match run again is preceded by the keys phase.
  CRM_RETURN_IF_ERROR(remove_all(job.folder().keys_dir()));
  return job.sql(sql::resolve);
}

}  // namespace crmerge::merge
