#include "merge/report.h"

#include <nlohmann/json.hpp>


#include "base/files.h"
#include "base/hash.h"
#include "csv/reader.h"
#include "duck/database.h"
#include "duck/result.h"
#include "merge/input_meta.h"
#include "merge/roles_store.h"
#include "merge/row_fetcher.h"
#include "merge/row_keys.h"

#ifndef CRMERGE_VERSION
#define CRMERGE_VERSION "dev"
#endif

namespace crmerge::merge {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kKinds[] = {"", "email", "linkedin", "phone"};

double rate(uint64_t part, uint64_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

Status each_row(Job& job, std::string_view sql, const std::function<void(const duck::DataChunk&, size_t)>& fn) {
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query(sql));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) return Status::ok();
    for (size_t r = 0; r < chunk.size(); ++r) fn(chunk, r);
  }
}

// The text of the key of `kind` whose hash is `hash`, derived again from the
// record `text` of input `m`, on `line` (the row the keys phase read it from).
Result<std::string> key_text_in(Job& job, const InputMeta& m, const std::vector<StoredRole>& roles,
                                std::string_view text, uint64_t line, int32_t kind, Hash128 hash) {
  csv::Record rec;
  const csv::ParsedRecord p = csv::parse_record(text, true, m.dialect, rec.fields);
  rec.text = text;
  RowKeyDeriver keys(key_columns(roles), m.src > 0, normalize::EmailOptions{job.options().gmail_canonical},
                     job.options().region);
  if (p.text_length == text.size() && rec.fields.size() == m.columns.size()) {
    keys.derive(rec, m.dialect.quote);
    for (const RowKey& k : keys.keys())
      if (k.kind == kind && hash128(k.value) == hash) return k.value;
  }
  return Status::io_error(m.display_name() + " changed while the job ran (line " + std::to_string(line) +
                          " no longer holds the key the job read there)");
}

}  // namespace

Status write_report(Job& job, const MergeSummary& s) {
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, metas.size()));
  const auto& o = job.options();
  const uint64_t crm_rows = s.inputs[0].rows;
  json report;
  report["crmerge"] = CRMERGE_VERSION;
  report["duckdb"] = duck::library_version();
  report["options"] = {{"mode", mode_name(o.mode)},         {"policy", policy_name(o.policy)},
                       {"region", o.region},                {"gmail_canonical", o.gmail_canonical},
                       {"on_malformed", on_malformed_name(o.on_malformed)}, {"provenance", o.provenance},
                       {"meta", o.meta},                    {"safe_csv", safe_csv_name(o.safe_csv)}};

  // Inputs, and their malformed lines (the first 20 of each).
  json inputs = json::array();
  std::vector<json> malformed(metas.size(), json::array());
  CRM_RETURN_IF_ERROR(each_row(job,
      "SELECT src, line, problem FROM (SELECT *, row_number() OVER (PARTITION BY src ORDER BY line) AS n "
      "FROM input_malformed) WHERE n <= 20 ORDER BY src, line",
      [&](const duck::DataChunk& c, size_t r) {
        malformed[static_cast<size_t>(c.int64(0, r))].push_back({{"line", c.uint64(1, r)}, {"problem", c.varchar(2, r)}});
      }));
  for (size_t i = 0; i < metas.size(); ++i) {
    const auto& m = metas[i];
    inputs.push_back({{"label", m.label}, {"path", m.display}, {"rows", m.rows}, {"encoding", s.inputs[i].encoding},
                      {"delimiter", std::string(1, m.dialect.delimiter)}, {"lines_above_header", m.lines_above_header()},
                      {"blank_lines", m.blank_lines}, {"malformed_lines", m.malformed},
                      {"malformed_first", malformed[i]}});
  }
  report["inputs"] = inputs;

  // The mapping used, in --map format, and how each role was found.
  json mapping = json::object(), detection = json::object();
  for (size_t i = 0; i < metas.size(); ++i) {
    json cols = json::object(), how = json::array();
    // Every column, "none" included: detection may change between versions, a mapping does not.
    for (const auto& header : metas[i].columns) cols[header] = "none";
    for (const auto& r : roles[i]) {
      const std::string& header = metas[i].columns[static_cast<size_t>(r.col)];
      cols[header] = schema::role_name(r.role);
      how.push_back({{"column", header}, {"role", schema::role_name(r.role)}, {"confidence", r.confidence},
                     {"evidence", r.evidence}});
    }
    mapping[metas[i].label] = cols;
    detection[metas[i].label] = how;
  }
  report["mapping"] = mapping;
  report["mapping_detection"] = detection;

  // Matches.
  json vendors = json::object();
  uint64_t by_kind[4] = {0, 0, 0, 0};
  for (size_t i = 1; i < s.inputs.size(); ++i) {
    const auto& v = s.inputs[i];
    by_kind[1] += v.by_email;
    by_kind[2] += v.by_linkedin;
    by_kind[3] += v.by_phone;
    vendors[v.label] = {{"matched_rows", v.matched_rows},
                        {"match_rate", rate(v.matched_rows, crm_rows)},
                        {"by_key", {{"email", v.by_email}, {"linkedin", v.by_linkedin}, {"phone", v.by_phone}}},
                        {"ambiguous_rows", v.ambiguous}};
  }
  json rejected = json::object();
  CRM_RETURN_IF_ERROR(each_row(job, "SELECT src, reason, count(*) FROM match_candidates WHERE decision = 'rejected' "
                                    "GROUP BY ALL ORDER BY ALL",
                               [&](const duck::DataChunk& c, size_t r) {
                                 rejected[metas[static_cast<size_t>(c.int64(0, r))].label][std::string(c.varchar(1, r))] =
                                     c.uint64(2, r);
                               }));
  report["match"] = {{"crm_rows", crm_rows},
                     {"matched_rows", s.matched_any},
                     {"match_rate", rate(s.matched_any, crm_rows)},
                     {"ambiguous_rows", s.ambiguous_rows},
                     {"by_key", {{"email", by_kind[1]}, {"linkedin", by_kind[2]}, {"phone", by_kind[3]}}},
                     {"per_vendor", vendors},
                     {"rejected_candidates", rejected}};

  // Fields.
  json fields = json::object();
  for (const auto& f : s.fields) {
    json filled = json::object();
    for (size_t i = 1; i < s.inputs.size() && i < f.filled.size(); ++i) filled[s.inputs[i].label] = f.filled[i];
    fields[f.field] = {{"filled_per_vendor", filled}, {"conflicts", f.conflicts}};
  }
  report["fields"] = fields;

  // Weak and shared keys: the 20 most shared. Only their hashes are stored:
  // the text is derived again from the first row holding each (a phone that
  // libphonenumber normalized has its text in keys_phone_norm).
  struct WeakKey {
    size_t src;
    int32_t kind;
    Hash128 hash;
    uint64_t rows, people;
    uint64_t holder_row;  // the first row holding it
    std::string value;
  };
  std::vector<WeakKey> top;
  CRM_RETURN_IF_ERROR(each_row(job,
      "WITH top AS (SELECT * FROM match_weak ORDER BY rows DESC, src, kind, h1, h2 LIMIT 20), "
      "phones AS (SELECT n.h1, n.h2, any_value(n.key) AS value FROM top AS t "
      "  JOIN keys_phone_norm AS n ON n.h1 = t.h1 AND n.h2 = t.h2 WHERE t.kind = 3 GROUP BY n.h1, n.h2) "
      "SELECT t.src, t.kind, t.h1, t.h2, t.rows, t.people, t.holder_row, p.value FROM top AS t "
      "LEFT JOIN phones AS p ON p.h1 = t.h1 AND p.h2 = t.h2 "
      "ORDER BY t.rows DESC, t.src, t.kind, t.h1, t.h2",
      [&](const duck::DataChunk& c, size_t r) {
        WeakKey k{static_cast<size_t>(c.int64(0, r)), static_cast<int32_t>(c.int64(1, r)),
                  Hash128{c.uint64(2, r), c.uint64(3, r)}, c.uint64(4, r), c.uint64(5, r), c.uint64(6, r), ""};
        if (!c.is_null(7, r)) k.value = std::string(c.varchar(7, r));
        top.push_back(std::move(k));
      }));
  // The rows holding the keys whose text is not stored, read in one batch.
  CRM_ASSIGN_OR_RETURN(RowFetcher holders, RowFetcher::open(job.folder(), metas, true));
  std::vector<size_t> slot(top.size(), SIZE_MAX);
  for (size_t i = 0; i < top.size(); ++i) {
    if (!top[i].value.empty()) continue;
    slot[i] = holders.size();
    CRM_RETURN_IF_ERROR(holders.add(top[i].src, top[i].holder_row));
  }
  CRM_RETURN_IF_ERROR(holders.fetch(true));
  json weak = json::array();
  for (size_t i = 0; i < top.size(); ++i) {
    WeakKey& k = top[i];
    if (slot[i] != SIZE_MAX) {
      CRM_ASSIGN_OR_RETURN(k.value, key_text_in(job, metas[k.src], roles[k.src], holders.text(slot[i]),
                                                holders.place(slot[i]).line, k.kind, k.hash));
    }
    weak.push_back({{"input", metas[k.src].label}, {"kind", kKinds[std::min<int32_t>(std::max(k.kind, 0), 3)]},
                    {"value", k.value}, {"rows", k.rows}, {"different_names", k.people}});
  }
  uint64_t weak_total = 0;
  CRM_RETURN_IF_ERROR(each_row(job, "SELECT count(*) FROM match_weak",
                               [&](const duck::DataChunk& c, size_t r) { weak_total = c.uint64(0, r); }));
  report["weak_keys"] = {{"total", weak_total}, {"top", weak}};

  json mailboxes = json::object();
  CRM_RETURN_IF_ERROR(each_row(job, "SELECT src, rows, keys FROM match_role_mailboxes ORDER BY src",
                               [&](const duck::DataChunk& c, size_t r) {
                                 mailboxes[metas[static_cast<size_t>(c.int64(0, r))].label] = {
                                     {"rows", c.uint64(1, r)}, {"distinct", c.uint64(2, r)}};
                               }));
  report["role_mailboxes"] = mailboxes;

  json phones = json::object();
  CRM_RETURN_IF_ERROR(each_row(job, "SELECT src, status, sum(cells)::UBIGINT FROM (SELECT src, status, cells FROM keys_phone_status "
                                    "UNION ALL SELECT p.src, n.status, count(*) FROM keys_phones_raw p "
                                    "JOIN keys_phone_norm n ON n.r1 = p.r1 AND n.r2 = p.r2 GROUP BY ALL) "
                                    "GROUP BY ALL ORDER BY ALL",
                               [&](const duck::DataChunk& c, size_t r) {
                                 phones[metas[static_cast<size_t>(c.int64(0, r))].label][std::string(c.varchar(1, r))] =
                                     c.uint64(2, r);
                               }));
  report["phone_cells"] = phones;

  json phases = json::array();
  double total = 0;
  for (const auto& p : s.phases) {
    phases.push_back({{"phase", p.phase}, {"seconds", p.seconds}, {"resumed", p.resumed}});
    total += p.seconds;
  }
  report["phases"] = phases;
  report["seconds"] = total;
  report["job_folder"] = {{"peak_bytes", s.work_dir_peak_bytes}, {"spill_peak_bytes", s.spill_peak_bytes}};
  return write_file_atomically(absolute_path(o.report_path), report.dump(2) + "\n");
}

}  // namespace crmerge::merge
