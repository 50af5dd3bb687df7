// The keys phase: one pass over each input, reading only its key and name
// columns, into DuckDB tables (which spill), never into containers that grow
// with the input. E-mails, LinkedIn profiles and the phones the fast path reads
// (normalize/phone_fast.h: the common shapes, a few hundred ns each) are
// normalized here (merge/row_keys.h) and stored as their 128-bit hashes; the
// other phones go raw into keys_phones_raw and are normalized once per distinct
// value by SQL (sql/phones.sql), through libphonenumber.
#include <algorithm>

#include "base/fault.h"
#include "base/hash.h"
#include "base/strings.h"
#include "csv/reader.h"
#include "duck/appender.h"
#include "merge/input_meta.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/roles_store.h"
#include "merge/row_keys.h"
#include "merge/sql_files.h"
#include "normalize/name.h"
#include "normalize/phone.h"

namespace crmerge::merge {

namespace {

struct Sinks {
  duck::Appender values, phones, names, rows, phone_status;
};

// The first non-empty value among `cols`.
std::string_view first_value(const csv::Record& rec, const std::vector<int>& cols, char quote, std::string& scratch) {
  for (int c : cols) {
    std::string_view v = trim_ascii(rec.field(static_cast<size_t>(c), quote, scratch));
    if (!v.empty()) return v;
  }
  return {};
}

Status keys_of_input(Job& job, const InputMeta& m, const KeyColumns& cols, SharedProgress& progress, Sinks& out) {
  csv::ReaderOptions ro;
  ro.start_offset = m.data_offset;
  ro.start_line = m.data_line;
  ro.expected_fields = m.columns.size();
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(m.scan_path, m.dialect, ro));
  const char q = m.dialect.quote;
  csv::Record rec;
  std::string scratch, first_scratch, last_scratch;
  RowKeyDeriver keys(cols, m.src > 0, normalize::EmailOptions{job.options().gmail_canonical}, job.options().region);
  uint64_t row = 0;
  uint64_t reported = m.data_offset;  // bytes passed on to `progress`
  RowFault fault("keys", job.cancel());
  uint64_t leftover = 0;          // cells left to libphonenumber
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) continue;
    const uint64_t r = row++;
    fault.at(row);
    if ((row & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      progress.add(reader.position() - reported, 4096);
      reported = reader.position();
    }
    if (rec.problem != csv::RecordProblem::kNone) continue;  // reported by import; never a key
    keys.derive(rec, q);
    for (const LeftoverPhone& p : keys.leftovers()) {
      CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.phones.append(r));
      CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(p.col)));
      Hash128 rh = hash128(p.raw);
      CRM_RETURN_IF_ERROR(out.phones.append(std::string_view(p.raw)));
      CRM_RETURN_IF_ERROR(out.phones.append_bool(p.personal));
      CRM_RETURN_IF_ERROR(out.phones.append(rh.hi));
      CRM_RETURN_IF_ERROR(out.phones.append(rh.lo));
      // Unique, and in the file's order: the input and a count of such cells.
      CRM_RETURN_IF_ERROR(out.phones.append((static_cast<uint64_t>(m.src) << 48) | leftover++));
      CRM_RETURN_IF_ERROR(out.phones.end_row());
    }
    for (const RowKey& k : keys.keys()) {
      Hash128 h = hash128(k.value);
      CRM_RETURN_IF_ERROR(out.values.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.values.append(r));
      CRM_RETURN_IF_ERROR(out.values.append(k.kind));
      CRM_RETURN_IF_ERROR(out.values.append(h.hi));
      CRM_RETURN_IF_ERROR(out.values.append(h.lo));
      CRM_RETURN_IF_ERROR(out.values.append_bool(k.role_mailbox));
      CRM_RETURN_IF_ERROR(out.values.end_row());
    }

    std::string first = normalize::name_key(first_value(rec, cols.first, q, first_scratch));
    std::string last = normalize::name_key(first_value(rec, cols.last, q, last_scratch));
    if (first.empty() && last.empty() && !cols.full.empty()) {
      normalize::split_full_name(first_value(rec, cols.full, q, scratch), first, last);
    }
    if (!first.empty() || !last.empty()) {
      first = normalize::canonical_first_name(std::move(first));
      uint64_t person = hash64(first + '\x1f' + last) | 1;  // never 0: 0 means no name
      // Names in Latin script and in another (松本, Matsumoto) cannot be compared.
      bool latin = normalize::is_latin_key(first) && normalize::is_latin_key(last);
      CRM_RETURN_IF_ERROR(out.names.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.names.append(r));
      CRM_RETURN_IF_ERROR(out.names.append(std::string_view(first)));
      CRM_RETURN_IF_ERROR(out.names.append(std::string_view(last)));
      CRM_RETURN_IF_ERROR(out.names.append_bool(latin));
      CRM_RETURN_IF_ERROR(out.names.append(person));
      CRM_RETURN_IF_ERROR(out.names.end_row());
    }
    // Where the row is: the export reads matched vendor rows back, the report
    // the row of a key whose text it shows.
    if (!keys.keys().empty() || keys.any_phone()) {
      CRM_RETURN_IF_ERROR(out.rows.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.rows.append(r));
      CRM_RETURN_IF_ERROR(out.rows.append(rec.offset));
      CRM_RETURN_IF_ERROR(out.rows.append(static_cast<int32_t>(rec.text.size())));
      CRM_RETURN_IF_ERROR(out.rows.append(rec.line));
      CRM_RETURN_IF_ERROR(out.rows.end_row());
    }
  }
  progress.add(reader.position() - reported, row & 4095);
  for (size_t st = 0; st < normalize::kPhoneStatuses; ++st) {
    const uint64_t cells = keys.phone_status()[st];  // cell parts the fast path read, by PhoneStatus
    if (cells == 0) continue;
    CRM_RETURN_IF_ERROR(out.phone_status.append(static_cast<int32_t>(m.src)));
    CRM_RETURN_IF_ERROR(out.phone_status.append(std::string_view(
        normalize::phone_status_name(static_cast<normalize::PhoneStatus>(st)))));
    CRM_RETURN_IF_ERROR(out.phone_status.append(cells));
    CRM_RETURN_IF_ERROR(out.phone_status.end_row());
  }
  return Status::ok();
}

// One input's keys, on its own connection (DuckDB takes appends from several
// connections at once), so that inputs can be read in parallel.
Status keys_on_own_connection(Job& job, const InputMeta& m, const KeyColumns& cols, SharedProgress& progress) {
  CRM_ASSIGN_OR_RETURN(duck::Connection conn, job.open_connection());
  Sinks out;
  CRM_ASSIGN_OR_RETURN(out.values, duck::Appender::open(conn, "keys_values"));
  CRM_ASSIGN_OR_RETURN(out.phones, duck::Appender::open(conn, "keys_phones_raw"));
  CRM_ASSIGN_OR_RETURN(out.names, duck::Appender::open(conn, "keys_names"));
  CRM_ASSIGN_OR_RETURN(out.rows, duck::Appender::open(conn, "keys_rows"));
  CRM_ASSIGN_OR_RETURN(out.phone_status, duck::Appender::open(conn, "keys_phone_status"));
  CRM_RETURN_IF_ERROR(keys_of_input(job, m, cols, progress, out));
  for (duck::Appender* a : {&out.values, &out.phones, &out.names, &out.rows, &out.phone_status})
    CRM_RETURN_IF_ERROR(a->close());
  return Status::ok();
}

}  // namespace

Status extract_keys(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::clear_keys));
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, metas.size()));
  uint64_t total = 0;
  for (const auto& m : metas) total += m.bytes - m.data_offset;
  job.progress().begin("keys", total, ProgressUnit::kBytes);
  // Inputs in parallel, the largest first. (The tables' row order then varies
  // from run to run; nothing depends on it: every read that matters is ordered.)
  std::vector<size_t> order(metas.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return metas[a].bytes - metas[a].data_offset > metas[b].bytes - metas[b].data_offset;
  });
  SharedProgress progress(job);
  CRM_RETURN_IF_ERROR(run_parallel(order, pass_workers(job), [&](size_t i) {
    return keys_on_own_connection(job, metas[i], key_columns(roles[metas[i].src]), progress);
  }));
  // What the appenders wrote stays in memory until a checkpoint: write it out
  // before the phone SQL needs the memory.
  CRM_RETURN_IF_ERROR(job.sql("CHECKPOINT"));
  job.progress().begin("phones", 1000, ProgressUnit::kPermille);
  return job.sql(sql::phones);
}

}  // namespace crmerge::merge
