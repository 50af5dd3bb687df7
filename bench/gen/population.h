// The synthetic population: persons, their companies and their identifiers,
// each a pure function of (seed, sizes, person id). Nothing is stored per person,
// so any file can be streamed row by row in constant memory.
//
// Uniqueness by construction (what makes the truth's "possible" exact):
// - a work address is unique: names inside a company are an injective function of
//   the person's index in it, and formats that could repeat (flast@, first@, f.last@)
//   fall back to first.last@ on a clash with an earlier colleague;
// - private addresses and LinkedIn handles carry a bijective code of the person id;
// - phone numbers are a keyed bijection of (person, kind) into each country's
//   number space (mobile, direct, home, switchboard never collide);
// - domains are a bijective function of the company.
// Shared on purpose: role mailboxes, switchboards, household home phones.
#pragma once

#include <cstdint>
#include <string>

#include "lists.h"
#include "rng.h"

namespace gen {

// A phone number: its country and national significant number.
struct Phone {
  enum Type : std::uint8_t { kNone, kUsNanp, kUkLondon, kUkMobile, kDeBerlin, kDeMobile };
  Type type = kNone;
  char nsn[12] = {};  // national significant number digits, NUL-terminated
  bool empty() const { return type == kNone; }
  const char* country_code() const;  // "1", "44", "49"
};

struct Company {
  std::uint64_t start = 0, size = 0;  // its persons are q in [start, start+size)
  Country country = kUS;
  std::uint64_t h = 0;                // per-company hash for its attributes
  std::string brand;                  // "Velorix"
  std::string domain;                 // "velorix.com"
  int suffix = 0;                     // index into the country's suffix list
  int email_format = 0;
  std::uint64_t name_mult = 1, name_off = 0;
  int industry = 0;
  int city = 0;
  std::uint64_t revenue = 0;  // USD
  std::uint32_t employees = 0;
  int founded = 2000;
  Phone hq;
};

struct Person {
  std::uint64_t p = 0, q = 0, idx = 0;  // id, position in the person space, index in its company
  Country country = kUS;
  const Name* first = nullptr;
  const Name* last = nullptr;
  int level = 0, dept = 0;
  int city = 0;                 // index into the country's city list
  std::string work_email;       // always present
  std::string personal_email;   // may be empty
  std::string personal_email2;  // may be empty
  std::string linkedin;         // handle, lower case
  Phone mobile, direct;
  bool household = false;       // shares `home` with the other person of its pair
  Phone home;
  Company company;
};

struct Sizes {
  std::uint64_t seed = 1;
  std::uint64_t crm_rows = 0;     // N: persons 0..N-1 are the CRM's, row i = person i
  std::uint64_t vendor_rows = 0;  // M: rows of each vendor file
};

class Population {
 public:
  explicit Population(const Sizes& sizes);

  std::uint64_t seed() const { return seed_; }
  std::uint64_t crm_persons() const { return n_; }
  std::uint64_t external_persons() const { return x_; }  // ids N .. N+X-1
  std::uint64_t universe() const { return u_; }
  // True when a number space was too small for a unique number per person and
  // kind (only for populations above ~1e8 persons): numbers may then repeat.
  bool numbers_wrap() const { return wrap_; }

  void person(std::uint64_t p, Person& out) const;
  void company_of(std::uint64_t q, Company& out) const;
  // The work address of the company's person with index IDX (used for the
  // recycled-address noise).
  void work_email_of(const Company& co, std::uint64_t idx, std::string& out) const;
  // A role mailbox of the company ("info@velorix.com").
  std::string role_email(const Company& co, int which) const;
  std::uint64_t person_at(std::uint64_t q) const { return perm_u_.inv(q); }

 private:
  struct NameIdx {
    const Name* first;
    const Name* last;
  };
  NameIdx name_of(const Company& co, std::uint64_t idx) const;
  void format_local(int format, const NameIdx& n, std::string& out) const;
  Country country_of(std::uint64_t q) const;
  std::uint64_t dense_index(std::uint64_t q, Country c) const;
  Phone number(std::uint64_t q, int kind) const;  // kind 0 mobile, 1 direct, 2 home, 3 switchboard

  std::uint64_t seed_, n_, x_, u_;
  Perm perm_u_;      // person id -> position q (companies are ranges of q)
  Perm perm_brand_;  // company start -> brand code
  Perm perm_code_;   // person id -> number in private addresses
  Perm perm_li_;     // person id -> 32-bit LinkedIn suffix
  Perm perm_us_, perm_uk_mobile_, perm_uk_fixed_, perm_de_mobile_, perm_de_fixed_;
  std::uint64_t us_space_;
  bool wrap_ = false;
  std::uint64_t names_total_ = 0;
  std::uint64_t culture_off_[16] = {};
  std::uint64_t name_mults_[16] = {};
  int n_mults_ = 0;
};

}  // namespace gen
