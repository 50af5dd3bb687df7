// The keys phase: one pass over each input, reading only its key and name
// columns, into DuckDB tables (which spill), never into containers that grow
// with the input. E-mails, LinkedIn profiles and the phones the fast path reads
// (normalize/phone_fast.h: the common shapes, a few hundred ns each) are
// normalized here; the other phones go raw into keys_phones_raw and are
// normalized once per distinct value by SQL (sql/phones.sql), through
// libphonenumber.
#include <algorithm>

#include "base/fault.h"
#include "base/hash.h"
#include "csv/reader.h"
#include "duck/appender.h"
#include "base/strings.h"
#include "merge/input_meta.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/roles_store.h"
#include "merge/sql_files.h"
#include "normalize/email.h"
#include "normalize/linkedin.h"
#include "normalize/name.h"
#include "normalize/phone.h"
#include "normalize/phone_fast.h"

namespace crmerge::merge {

namespace {

using schema::Role;

enum KeyKind : int32_t { kEmail = 1, kLinkedin = 2, kPhone = 3 };

struct KeyColumns {
  std::vector<int> emails, linkedin, phones, company_phones, first, last, full;
};

KeyColumns key_columns(const std::vector<StoredRole>& roles) {
  KeyColumns k;
  for (const auto& r : roles) {
    switch (r.role) {
      case Role::kEmail: k.emails.push_back(r.col); break;
      case Role::kLinkedin: k.linkedin.push_back(r.col); break;
      case Role::kPhone:
      case Role::kMobilePhone:
      case Role::kDirectPhone: k.phones.push_back(r.col); break;
      case Role::kCompanyPhone: k.company_phones.push_back(r.col); break;
      case Role::kFirstName: k.first.push_back(r.col); break;
      case Role::kLastName: k.last.push_back(r.col); break;
      case Role::kFullName: k.full.push_back(r.col); break;
      default: break;
    }
  }
  return k;
}

struct Sinks {
  duck::Appender values, phones, names, rows, phone_status;
};

class RowKeys {
 public:
  void clear() { keys_.clear(); }
  void add(int32_t kind, std::string value, bool role_mailbox = false) {
    for (const auto& k : keys_)
      if (k.kind == kind && k.value == value) return;
    keys_.push_back({kind, std::move(value), role_mailbox});
  }
  bool empty() const { return keys_.empty(); }
  Status write(int src, uint64_t row, duck::Appender& app) const {
    for (const auto& k : keys_) {
      Hash128 h = hash128(k.value);
      CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(src)));
      CRM_RETURN_IF_ERROR(app.append(row));
      CRM_RETURN_IF_ERROR(app.append(k.kind));
      CRM_RETURN_IF_ERROR(app.append(h.hi));
      CRM_RETURN_IF_ERROR(app.append(h.lo));
      CRM_RETURN_IF_ERROR(app.append(std::string_view(k.value)));
      CRM_RETURN_IF_ERROR(app.append_bool(k.role_mailbox));
      CRM_RETURN_IF_ERROR(app.end_row());
    }
    return Status::ok();
  }

 private:
  struct Key {
    int32_t kind;
    std::string value;
    bool role_mailbox;
  };
  std::vector<Key> keys_;
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
  const normalize::EmailOptions email_options{job.options().gmail_canonical};
  const char q = m.dialect.quote;
  csv::Record rec;
  std::string scratch, first_scratch, last_scratch;
  RowKeys keys;
  uint64_t row = 0;
  uint64_t reported = m.data_offset;  // bytes passed on to `progress`
  RowFault fault("keys", job.cancel());
  const std::string& region = job.options().region;
  uint64_t phone_status[normalize::kPhoneStatuses] = {};  // cells the fast path read, by PhoneStatus
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
    keys.clear();
    for (int c : cols.emails) {
      for (auto& e : normalize::email_keys(rec.field(static_cast<size_t>(c), q, scratch), email_options)) {
        bool role = normalize::is_role_mailbox(e);
        keys.add(kEmail, std::move(e), role);
      }
    }
    for (int c : cols.linkedin)
      for (std::string_view part : split_trimmed(rec.field(static_cast<size_t>(c), q, scratch), ";,| \n"))
        if (auto k = normalize::linkedin_key(part)) keys.add(kLinkedin, *k);
    // Phones: personal ones are keys; a vendor's company phones are only output values.
    bool any_phone = false;
    for (const auto* phone_cols : {&cols.phones, &cols.company_phones}) {
      bool personal = phone_cols == &cols.phones;
      if (!personal && m.src == 0) break;
      for (int c : *phone_cols) {
        for (std::string_view raw : normalize::split_phone_cell(rec.field(static_cast<size_t>(c), q, scratch))) {
          any_phone = any_phone || personal;
          if (std::optional<normalize::Phone> p = normalize::parse_phone_fast(raw, region)) {
            ++phone_status[static_cast<size_t>(p->status)];
            if (personal && p->status == normalize::PhoneStatus::kValid) keys.add(kPhone, std::move(p->e164));
            continue;
          }
          CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(m.src)));
          CRM_RETURN_IF_ERROR(out.phones.append(r));
          CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(c)));
          Hash128 rh = hash128(raw);
          CRM_RETURN_IF_ERROR(out.phones.append(raw));
          CRM_RETURN_IF_ERROR(out.phones.append_bool(personal));
          CRM_RETURN_IF_ERROR(out.phones.append(rh.hi));
          CRM_RETURN_IF_ERROR(out.phones.append(rh.lo));
          // Unique, and in the file's order: the input and a count of such cells.
          CRM_RETURN_IF_ERROR(out.phones.append((static_cast<uint64_t>(m.src) << 48) | leftover++));
          CRM_RETURN_IF_ERROR(out.phones.end_row());
        }
      }
    }
    CRM_RETURN_IF_ERROR(keys.write(m.src, r, out.values));

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
    if (m.src > 0 && (!keys.empty() || any_phone)) {
      CRM_RETURN_IF_ERROR(out.rows.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.rows.append(r));
      CRM_RETURN_IF_ERROR(out.rows.append(rec.offset));
      CRM_RETURN_IF_ERROR(out.rows.append(static_cast<int32_t>(rec.text.size())));
      CRM_RETURN_IF_ERROR(out.rows.append(rec.line));
      CRM_RETURN_IF_ERROR(out.rows.end_row());
    }
  }
  progress.add(reader.position() - reported, row & 4095);
  for (size_t st = 0; st < std::size(phone_status); ++st) {
    if (phone_status[st] == 0) continue;
    CRM_RETURN_IF_ERROR(out.phone_status.append(static_cast<int32_t>(m.src)));
    CRM_RETURN_IF_ERROR(out.phone_status.append(std::string_view(
        normalize::phone_status_name(static_cast<normalize::PhoneStatus>(st)))));
    CRM_RETURN_IF_ERROR(out.phone_status.append(phone_status[st]));
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
