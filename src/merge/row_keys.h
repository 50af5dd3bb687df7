// The keys of one record, derived as the keys phase derives them: its e-mails,
// LinkedIn profiles and the personal phones the fast path reads
// (normalize/phone_fast.h). The keys phase stores only their 128-bit hashes;
// the report derives a row's keys again to show the text behind a hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "csv/reader.h"
#include "merge/roles_store.h"
#include "normalize/email.h"
#include "normalize/phone.h"

namespace crmerge::merge {

enum KeyKind : int32_t { kEmailKey = 1, kLinkedinKey = 2, kPhoneKey = 3 };

struct RowKey {
  int32_t kind = 0;
  std::string value;
  bool role_mailbox = false;
};

// The key and name columns of one input, by role.
struct KeyColumns {
  std::vector<int> emails, linkedin, phones, company_phones, first, last, full;
};
KeyColumns key_columns(const std::vector<StoredRole>& roles);

// A phone cell part the fast path cannot read: left to libphonenumber.
struct LeftoverPhone {
  int col = 0;
  std::string raw;
  bool personal = false;
};

class RowKeyDeriver {
 public:
  // `vendor`: a vendor's company phones are read too (shaped for output, never
  // keys); the CRM's are not.
  RowKeyDeriver(KeyColumns cols, bool vendor, normalize::EmailOptions email, std::string region);

  // Derives the keys of well-formed record `rec` (each (kind, value) once, in
  // column order) into keys(); the phone parts the fast path cannot read into
  // leftovers().
  void derive(const csv::Record& rec, char quote);

  const std::vector<RowKey>& keys() const { return keys_; }
  const std::vector<LeftoverPhone>& leftovers() const { return leftovers_; }
  // Whether the record holds a personal phone part (read or not).
  bool any_phone() const { return any_phone_; }
  // Phone cell parts the fast path read since construction, by PhoneStatus.
  const uint64_t* phone_status() const { return phone_status_; }

 private:
  void add(int32_t kind, std::string value, bool role_mailbox = false);

  KeyColumns cols_;
  bool vendor_;
  normalize::EmailOptions email_;
  std::string region_;
  std::vector<RowKey> keys_;
  std::vector<LeftoverPhone> leftovers_;
  bool any_phone_ = false;
  uint64_t phone_status_[normalize::kPhoneStatuses] = {};
  std::string scratch_;
};

}  // namespace crmerge::merge
