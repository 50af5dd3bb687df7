#include "normalize/phone_fast.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"

// libphonenumber's compiled-in metadata: a serialized PhoneMetadataCollection
// (phonemetadata.proto). The library exports these two functions (declared in
// its internal header metadata.h); PhoneNumberUtil reads the same bytes.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace crmerge::normalize {

// ---------------------------------------------------------------------------
// The first steps of parse_phone (shared with the slow path).

namespace phone_detail {
namespace {

char upper_ascii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool equals_upper(std::string_view s, std::string_view upper) {
  if (s.size() != upper.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (upper_ascii(s[i]) != upper[i]) return false;
  return true;
}

bool is_do_not_call(std::string_view t) {
  for (std::string_view m : {"DNC", "TPS", "CTPS", "DO NOT CALL", "DONOTCALL", "DNC/TPS", "TPS/CTPS"})
    if (equals_upper(t, m)) return true;
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 4.15555E+09, 4,15555E+09, 4.1555501E9: a number Excel displayed in scientific notation.
bool is_excel_float(std::string_view s) {
  size_t i = 0;
  auto digits = [&]() {
    size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    if (!digits()) return false;
  }
  if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return digits() && i == s.size();
}

}  // namespace

std::optional<Phone> settle_phone_cell(std::string_view raw, std::string_view* text) {
  Phone p;
  std::string_view t = trim_ascii(raw);
  while (!t.empty() && (t.front() == '\'' || t.front() == '=')) t = trim_ascii(t.substr(1));  // '+1 ..., ="+1 ..."
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = trim_ascii(t.substr(1, t.size() - 2));
  if (t.empty()) return p;
  if (is_do_not_call(t)) {
    p.status = PhoneStatus::kDoNotCall;
    p.marker.reserve(t.size());
    for (char c : t) p.marker.push_back(upper_ascii(c));
    return p;
  }
  if (is_excel_float(t)) {
    p.status = PhoneStatus::kExcelMangled;
    return p;
  }
  *text = t;
  return std::nullopt;
}

}  // namespace phone_detail

namespace {

using phone_detail::is_digit;

// ---------------------------------------------------------------------------
// libphonenumber's metadata, read from the protobuf wire format.

enum DescKind {
  kGeneral, kFixedLine, kMobile, kTollFree, kPremiumRate, kSharedCost,
  kPersonalNumber, kVoip, kPager, kUan, kVoicemail, kDescKinds
};

int desc_kind_of_field(int field) {
  switch (field) {
    case 1: return kGeneral;
    case 2: return kFixedLine;
    case 3: return kMobile;
    case 4: return kTollFree;
    case 5: return kPremiumRate;
    case 6: return kSharedCost;
    case 7: return kPersonalNumber;
    case 8: return kVoip;
    case 21: return kPager;
    case 25: return kUan;
    case 28: return kVoicemail;
    default: return -1;
  }
}

struct Desc {
  std::string pattern;  // national_number_pattern ("" = matches nothing)
  std::vector<int> lengths, local_lengths;
};

struct RegionMeta {
  std::string id;
  int cc = 0;
  bool main_country = false, same_mobile_and_fixed = false, has_leading_digits = false;
  std::string idd, npfp, transform, leading_digits;
  Desc desc[kDescKinds];
};

class Wire {
 public:
  Wire(const uint8_t* p, const uint8_t* e) : p_(p), e_(e) {}
  explicit Wire(std::string_view s)
      : p_(reinterpret_cast<const uint8_t*>(s.data())), e_(reinterpret_cast<const uint8_t*>(s.data()) + s.size()) {}
  bool at_end() const { return p_ >= e_; }
  bool varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= e_) return false;
      uint8_t b = *p_++;
      *v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool key(int* field, int* type) {
    uint64_t k;
    if (!varint(&k)) return false;
    *field = static_cast<int>(k >> 3);
    *type = static_cast<int>(k & 7);
    return true;
  }
  bool bytes(std::string_view* out) {
    uint64_t n;
    if (!varint(&n) || n > static_cast<uint64_t>(e_ - p_)) return false;
    *out = std::string_view(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  bool skip(int type) {
    uint64_t v;
    std::string_view s;
    switch (type) {
      case 0: return varint(&v);
      case 1: return advance(8);
      case 2: return bytes(&s);
      case 5: return advance(4);
      default: return false;
    }
  }

 private:
  bool advance(size_t n) {
    if (static_cast<size_t>(e_ - p_) < n) return false;
    p_ += n;
    return true;
  }
  const uint8_t* p_;
  const uint8_t* e_;
};

int to_int32(uint64_t v) { return static_cast<int>(static_cast<int32_t>(static_cast<uint32_t>(v))); }

bool read_lengths(Wire& w, int type, std::vector<int>* out) {
  uint64_t v;
  if (type == 0) {
    if (!w.varint(&v)) return false;
    out->push_back(to_int32(v));
    return true;
  }
  std::string_view packed;
  if (type != 2 || !w.bytes(&packed)) return false;
  Wire p(packed);
  while (!p.at_end()) {
    if (!p.varint(&v)) return false;
    out->push_back(to_int32(v));
  }
  return true;
}

bool read_desc(std::string_view bytes, Desc* d) {
  Wire w(bytes);
  int field, type;
  while (!w.at_end()) {
    if (!w.key(&field, &type)) return false;
    if (field == 2 && type == 2) {
      std::string_view s;
      if (!w.bytes(&s)) return false;
      d->pattern.assign(s);
    } else if (field == 9) {
      if (!read_lengths(w, type, &d->lengths)) return false;
    } else if (field == 10) {
      if (!read_lengths(w, type, &d->local_lengths)) return false;
    } else if (!w.skip(type)) {
      return false;
    }
  }
  return true;
}

bool read_region(std::string_view bytes, RegionMeta* m) {
  Wire w(bytes);
  int field, type;
  while (!w.at_end()) {
    if (!w.key(&field, &type)) return false;
    int kind = desc_kind_of_field(field);
    if (type == 2 && (kind >= 0 || field == 9 || field == 11 || field == 15 || field == 16 || field == 23)) {
      std::string_view s;
      if (!w.bytes(&s)) return false;
      if (kind >= 0) {
        if (!read_desc(s, &m->desc[kind])) return false;
      } else if (field == 9) {
        m->id.assign(s);
      } else if (field == 11) {
        m->idd.assign(s);
      } else if (field == 15) {
        m->npfp.assign(s);
      } else if (field == 16) {
        m->transform.assign(s);
      } else {
        m->has_leading_digits = true;
        m->leading_digits.assign(s);
      }
    } else if (type == 0 && (field == 10 || field == 18 || field == 22)) {
      uint64_t v;
      if (!w.varint(&v)) return false;
      if (field == 10) m->cc = to_int32(v);
      if (field == 18) m->same_mobile_and_fixed = v != 0;
      if (field == 22) m->main_country = v != 0;
    } else if (!w.skip(type)) {
      return false;
    }
  }
  return true;
}

bool read_metadata(std::vector<RegionMeta>* out) {
  const auto* begin = static_cast<const uint8_t*>(i18n::phonenumbers::metadata_get());
  int size = i18n::phonenumbers::metadata_size();
  if (!begin || size <= 0) return false;
  Wire w(begin, begin + size);
  int field, type;
  while (!w.at_end()) {
    if (!w.key(&field, &type)) return false;
    if (field == 1 && type == 2) {
      std::string_view s;
      if (!w.bytes(&s)) return false;
      RegionMeta m;
      if (!read_region(s, &m)) return false;
      out->push_back(std::move(m));
    } else if (!w.skip(type)) {
      return false;
    }
  }
  return !out->empty();
}

// ---------------------------------------------------------------------------
// The metadata's regular expressions (digits, \d, [classes], (?:groups), |, ?,
// {n}, {n,m}) as a Thompson automaton. Any other syntax: not compiled (the
// calling code is then left to the slow path).

struct Re {
  enum Kind { kSet, kCat, kAlt, kRepeat };
  Kind kind = kCat;
  uint16_t mask = 0;  // kSet: the digits it matches
  int min = 1, max = 1;
  std::vector<Re> kids;
};

class ReParser {
 public:
  explicit ReParser(std::string_view s) : s_(s) {}
  std::optional<Re> parse() {
    Re r = alt();
    if (!ok_ || i_ != s_.size()) return std::nullopt;
    return r;
  }

 private:
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  Re alt() {
    Re a;
    a.kind = Re::kAlt;
    a.kids.push_back(seq());
    while (ok_ && peek('|')) {
      ++i_;
      a.kids.push_back(seq());
    }
    return a;
  }
  Re seq() {
    Re c;
    c.kind = Re::kCat;
    while (ok_ && i_ < s_.size() && s_[i_] != '|' && s_[i_] != ')') {
      Re atom;
      if (!parse_atom(&atom) || !parse_quantifier(&atom)) {
        ok_ = false;
        break;
      }
      c.kids.push_back(std::move(atom));
    }
    return c;
  }
  bool parse_atom(Re* out) {
    char ch = s_[i_];
    if (is_digit(ch)) {
      out->kind = Re::kSet;
      out->mask = static_cast<uint16_t>(1u << (ch - '0'));
      ++i_;
      return true;
    }
    if (ch == '\\') {
      if (i_ + 1 >= s_.size() || s_[i_ + 1] != 'd') return false;
      out->kind = Re::kSet;
      out->mask = 0x3ff;
      i_ += 2;
      return true;
    }
    if (ch == '[') {
      ++i_;
      uint16_t mask = 0;
      while (i_ < s_.size() && s_[i_] != ']') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == 'd') {
          mask = 0x3ff;
          i_ += 2;
          continue;
        }
        if (!is_digit(s_[i_])) return false;  // includes ^ (negation)
        int lo = s_[i_] - '0', hi = lo;
        ++i_;
        if (peek('-') && i_ + 1 < s_.size() && is_digit(s_[i_ + 1])) {
          hi = s_[i_ + 1] - '0';
          i_ += 2;
          if (hi < lo) return false;
        }
        for (int d = lo; d <= hi; ++d) mask = static_cast<uint16_t>(mask | (1u << d));
      }
      if (!peek(']') || mask == 0) return false;
      ++i_;
      out->kind = Re::kSet;
      out->mask = mask;
      return true;
    }
    if (ch == '(') {
      ++i_;
      if (s_.substr(i_, 2) == "?:") i_ += 2;
      else if (peek('?')) return false;
      Re inner = alt();
      if (!ok_ || !peek(')')) return false;
      ++i_;
      *out = std::move(inner);
      return true;
    }
    return false;
  }
  bool read_int(int* v) {
    size_t start = i_;
    *v = 0;
    while (i_ < s_.size() && is_digit(s_[i_]) && i_ - start < 3) *v = *v * 10 + (s_[i_++] - '0');
    return i_ > start && !(i_ < s_.size() && is_digit(s_[i_]));
  }
  bool parse_quantifier(Re* atom) {
    int lo, hi;
    if (peek('?')) {
      ++i_;
      lo = 0;
      hi = 1;
    } else if (peek('{')) {
      ++i_;
      if (!read_int(&lo)) return false;
      hi = lo;
      if (peek(',')) {
        ++i_;
        if (!read_int(&hi)) return false;  // {n,} (unbounded) is not read
      }
      if (!peek('}') || hi < lo || hi > 40) return false;
      ++i_;
    } else {
      return !(peek('*') || peek('+'));  // unbounded repetition is not read
    }
    if (peek('?') || peek('+') || peek('*') || peek('{')) return false;  // lazy, possessive, stacked
    Re r;
    r.kind = Re::kRepeat;
    r.min = lo;
    r.max = hi;
    r.kids.push_back(std::move(*atom));
    *atom = std::move(r);
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  bool ok_ = true;
};

class Nfa {
 public:
  struct Node {
    uint16_t mask = 0;  // a digit transition to `next` when non-zero
    int next = -1;
    int accept = -1;  // the pattern this node accepts, or -1
    int owner = -1;   // the pattern this node belongs to
    std::vector<int> eps;
  };

  // The start node of `pattern` (accepting as pattern `id`), or -1 when the
  // pattern is empty (matches nothing) or uses syntax this reader does not know
  // (*ok = false).
  int add_pattern(std::string_view pattern, int id, bool* ok) {
    if (pattern.empty()) return -1;
    std::optional<Re> re = ReParser(pattern).parse();
    if (!re) {
      *ok = false;
      return -1;
    }
    Node accept;
    accept.accept = id;
    accept.owner = id;
    nodes.push_back(accept);
    return emit(*re, static_cast<int>(nodes.size()) - 1, id);
  }

  // The nodes reachable from `seeds` through epsilon moves that read a digit or
  // accept, sorted.
  void closure(std::vector<int>& seeds, std::vector<int>* out) {
    if (mark_.size() < nodes.size()) mark_.resize(nodes.size(), 0);
    ++generation_;
    out->clear();
    while (!seeds.empty()) {
      int n = seeds.back();
      seeds.pop_back();
      if (mark_[n] == generation_) continue;
      mark_[n] = generation_;
      const Node& node = nodes[n];
      if (node.mask != 0 || node.accept >= 0) out->push_back(n);
      for (int e : node.eps) seeds.push_back(e);
    }
    std::sort(out->begin(), out->end());
  }

  std::vector<Node> nodes;

 private:
  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size()) - 1;
  }
  int add_eps(std::vector<int> outs, int owner) {
    Node n;
    n.eps = std::move(outs);
    n.owner = owner;
    return add(std::move(n));
  }
  // Nodes that match `re` and continue at `next`; returns the entry node.
  int emit(const Re& re, int next, int owner) {
    switch (re.kind) {
      case Re::kSet: {
        Node n;
        n.mask = re.mask;
        n.next = next;
        n.owner = owner;
        return add(std::move(n));
      }
      case Re::kCat:
        for (auto it = re.kids.rbegin(); it != re.kids.rend(); ++it) next = emit(*it, next, owner);
        return next;
      case Re::kAlt: {
        if (re.kids.size() == 1) return emit(re.kids[0], next, owner);
        std::vector<int> outs;
        for (const Re& kid : re.kids) outs.push_back(emit(kid, next, owner));
        return add_eps(std::move(outs), owner);
      }
      case Re::kRepeat: {
        int cur = next;
        for (int i = re.min; i < re.max; ++i) {
          int body = emit(re.kids[0], cur, owner);
          cur = add_eps({body, next}, owner);
        }
        for (int i = 0; i < re.min; ++i) cur = emit(re.kids[0], cur, owner);
        return cur;
      }
    }
    return next;
  }

  std::vector<uint32_t> mark_;
  uint32_t generation_ = 0;
};

// ---------------------------------------------------------------------------
// A deterministic automaton over digit strings, built from a set of patterns
// by exploring (length, NFA state set, prefix flags) and merging equivalent
// states (the languages are finite, so merging by (accept, successors) from
// the leaves up gives the minimal automaton).

struct Dfa {
  std::vector<std::array<uint32_t, 10>> next;  // state 0: dead
  std::vector<uint8_t> accept;
  uint32_t start = 0;

  // digits: ASCII digits only, at most the depth it was built for.
  bool matches(std::string_view digits) const {
    uint32_t s = start;
    for (char c : digits) s = next[s][static_cast<unsigned>(c - '0')];
    return accept[s] != 0;
  }
};

struct DfaSpec {
  std::vector<std::string> patterns;  // full-match patterns, by id
  std::vector<int> prefix_bit;        // per pattern: -1, or the flag set once a prefix matches it (Consume)
  int max_depth = 0;
  // Whether a string of `length` digits is accepted, given which patterns match
  // it in full (`matched`, by id) and which prefix flags are set.
  std::function<bool(int length, const std::vector<char>& matched, uint32_t flags)> accept;
};

class DfaBuilder {
 public:
  explicit DfaBuilder(const DfaSpec& spec) : spec_(spec) {}

  std::optional<Dfa> build() {
    bool ok = true;
    std::vector<int> seeds;
    uint32_t flags = 0;
    for (size_t id = 0; id < spec_.patterns.size(); ++id) {
      int start = nfa_.add_pattern(spec_.patterns[id], static_cast<int>(id), &ok);
      if (start >= 0) seeds.push_back(start);
      // An empty leading-digits pattern matches the empty prefix.
      if (spec_.patterns[id].empty() && spec_.prefix_bit[id] >= 0) flags |= 1u << spec_.prefix_bit[id];
    }
    if (!ok) return std::nullopt;
    dfa_.next.push_back({});
    dfa_.accept.push_back(0);
    signatures_[signature_of(false, dfa_.next[0])] = 0;
    std::vector<int> set;
    nfa_.closure(seeds, &set);
    uint32_t start = explore(0, std::move(set), flags);
    if (failed_) return std::nullopt;
    dfa_.start = start;
    return std::move(dfa_);
  }

 private:
  static constexpr size_t kMaxExplored = 400000;

  static std::string signature_of(bool accept, const std::array<uint32_t, 10>& next) {
    std::string s(1 + sizeof next, '\0');
    s[0] = accept ? 1 : 0;
    std::copy_n(reinterpret_cast<const char*>(next.data()), sizeof next, s.begin() + 1);
    return s;
  }

  uint32_t explore(int depth, std::vector<int> set, uint32_t flags) {
    if (failed_) return 0;
    std::vector<char> matched(spec_.patterns.size(), 0);
    bool prefix_done = false;
    for (int n : set) {
      int a = nfa_.nodes[n].accept;
      if (a < 0) continue;
      matched[a] = 1;
      if (spec_.prefix_bit[a] >= 0) {
        flags |= 1u << spec_.prefix_bit[a];
        prefix_done = true;
      }
    }
    if (prefix_done || flags != 0) {  // a prefix pattern that matched has nothing more to say
      set.erase(std::remove_if(set.begin(), set.end(),
                               [&](int n) {
                                 int owner = nfa_.nodes[n].owner;
                                 int bit = spec_.prefix_bit[owner];
                                 return bit >= 0 && (flags >> bit & 1u);
                               }),
                set.end());
    }
    std::string key(sizeof depth + sizeof flags + set.size() * sizeof(int), '\0');
    std::copy_n(reinterpret_cast<const char*>(&depth), sizeof depth, key.begin());
    std::copy_n(reinterpret_cast<const char*>(&flags), sizeof flags, key.begin() + sizeof depth);
    std::copy_n(reinterpret_cast<const char*>(set.data()), set.size() * sizeof(int), key.begin() + sizeof depth + sizeof flags);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (memo_.size() >= kMaxExplored) {
      failed_ = true;
      return 0;
    }

    bool accept = spec_.accept(depth, matched, flags);
    std::array<uint32_t, 10> next{};
    if (depth < spec_.max_depth) {
      std::vector<int> seeds, step;
      for (int c = 0; c < 10; ++c) {
        seeds.clear();
        for (int n : set) {
          const Nfa::Node& node = nfa_.nodes[n];
          if (node.mask >> c & 1u) seeds.push_back(node.next);
        }
        if (seeds.empty()) continue;
        nfa_.closure(seeds, &step);
        next[c] = explore(depth + 1, step, flags);
      }
    }
    std::string sig = signature_of(accept, next);
    uint32_t id;
    if (auto it = signatures_.find(sig); it != signatures_.end()) {
      id = it->second;
    } else {
      id = static_cast<uint32_t>(dfa_.next.size());
      dfa_.next.push_back(next);
      dfa_.accept.push_back(accept ? 1 : 0);
      signatures_.emplace(std::move(sig), id);
    }
    memo_.emplace(std::move(key), id);
    return id;
  }

  const DfaSpec& spec_;
  Nfa nfa_;
  Dfa dfa_;
  std::unordered_map<std::string, uint32_t> memo_;
  std::unordered_map<std::string, uint32_t> signatures_;
  bool failed_ = false;
};

// ---------------------------------------------------------------------------
// The tables: what Parse needs of a region, and IsValidNumber per calling code.

constexpr int kMaxNsn = 17;          // PhoneNumberUtil::kMaxLengthForNsn
constexpr int kMaxDigits = 20;       // longer digit strings go to the slow path
const char* const kFastRegions[] = {"US", "CA", "GB", "DE"};
const int kFastCallingCodes[] = {1, 44, 49};

enum class LengthResult { kPossible, kLocalOnly, kTooShort, kInvalidLength, kTooLong };

struct ParseRegion {
  std::string id;
  int cc = 0;
  std::string cc_text, idd, npfp;
  Dfa general;  // IsMatch(general_desc): the pattern alone, no lengths
  std::vector<int> lengths, local_lengths;

  // TestNumberLength(number, metadata) for the UNKNOWN type.
  LengthResult test_length(size_t n) const {
    int len = static_cast<int>(n);
    if (lengths.front() == -1) return LengthResult::kInvalidLength;
    if (std::find(local_lengths.begin(), local_lengths.end(), len) != local_lengths.end())
      return LengthResult::kLocalOnly;
    if (lengths.front() == len) return LengthResult::kPossible;
    if (lengths.front() > len) return LengthResult::kTooShort;
    if (lengths.back() < len) return LengthResult::kTooLong;
    return std::find(lengths.begin() + 1, lengths.end(), len) != lengths.end() ? LengthResult::kPossible
                                                                               : LengthResult::kInvalidLength;
  }

  // MaybeStripNationalPrefixAndCarrierCode for a plain-digits prefix.
  void strip_national_prefix(std::string_view* number) const {
    if (number->empty() || npfp.empty() || number->substr(0, npfp.size()) != npfp) return;
    std::string_view stripped = number->substr(npfp.size());
    if (general.matches(*number) && !general.matches(stripped)) return;
    *number = stripped;
  }
};

struct CallingCode {
  int cc = 0;
  std::string cc_text;
  const ParseRegion* main = nullptr;  // GetRegionCodeForCountryCode
  Dfa valid;                          // IsValidNumber for a national significant number
};

struct Tables {
  bool ok = false;
  std::bitset<1000> known_cc;
  std::vector<ParseRegion> parse_regions;
  std::vector<const ParseRegion*> default_regions;
  std::vector<CallingCode> codes;

  const ParseRegion* default_region(const std::string& id) const {
    for (const ParseRegion* r : default_regions)
      if (r->id == id) return r;
    return nullptr;
  }
  const CallingCode* code(int cc) const {
    for (const CallingCode& c : codes)
      if (c.cc == cc) return &c;
    return nullptr;
  }
};

bool plain_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

std::optional<ParseRegion> make_parse_region(const RegionMeta& m) {
  const Desc& g = m.desc[kGeneral];
  // Only what this reading handles: a plain international prefix and national
  // prefix (no regular expression, no transformation), and possible lengths.
  if (!plain_digits(m.idd) || !plain_digits(m.npfp) || !m.transform.empty() || g.lengths.empty()) return std::nullopt;
  DfaSpec spec;
  spec.patterns = {g.pattern};
  spec.prefix_bit = {-1};
  spec.max_depth = kMaxDigits;
  spec.accept = [](int, const std::vector<char>& matched, uint32_t) { return matched[0] != 0; };
  std::optional<Dfa> dfa = DfaBuilder(spec).build();
  if (!dfa) return std::nullopt;
  ParseRegion r;
  r.id = m.id;
  r.cc = m.cc;
  r.cc_text = std::to_string(m.cc);
  r.idd = m.idd;
  r.npfp = m.npfp;
  r.general = std::move(*dfa);
  r.lengths = g.lengths;
  r.local_lengths = g.local_lengths;
  return r;
}

// IsValidNumber for the calling code shared by `regions` (in libphonenumber's
// order: the main country first, then the others in metadata order):
// GetRegionCodeForNumber picks the region (by leading digits, else by the first
// region whose number types match), then GetNumberTypeHelper != UNKNOWN.
std::optional<Dfa> make_validity(const std::vector<const RegionMeta*>& regions) {
  if (regions.empty() || regions.size() > 32) return std::nullopt;
  struct Ids {
    int desc[kDescKinds];
  };
  DfaSpec spec;
  std::vector<Ids> ids(regions.size());
  std::vector<int> ld_bit(regions.size(), -1);
  for (size_t r = 0; r < regions.size(); ++r) {
    for (int k = 0; k < kDescKinds; ++k) {
      ids[r].desc[k] = static_cast<int>(spec.patterns.size());
      spec.patterns.push_back(regions[r]->desc[k].pattern);
      spec.prefix_bit.push_back(-1);
    }
    if (regions.size() > 1 && regions[r]->has_leading_digits) {
      ld_bit[r] = static_cast<int>(r);
      spec.patterns.push_back(regions[r]->leading_digits);
      spec.prefix_bit.push_back(static_cast<int>(r));
    }
  }
  spec.max_depth = kMaxNsn;
  spec.accept = [regions, ids, ld_bit](int length, const std::vector<char>& matched, uint32_t flags) {
    // IsNumberMatchingDesc: the desc's own possible lengths, then its pattern.
    auto matches = [&](size_t r, int k) {
      const Desc& d = regions[r]->desc[k];
      if (!d.lengths.empty() && std::find(d.lengths.begin(), d.lengths.end(), length) == d.lengths.end()) return false;
      return matched[ids[r].desc[k]] != 0;
    };
    auto has_type = [&](size_t r) {  // GetNumberTypeHelper != UNKNOWN
      if (!matches(r, kGeneral)) return false;
      for (int k : {kPremiumRate, kTollFree, kSharedCost, kVoip, kPersonalNumber, kPager, kUan, kVoicemail, kFixedLine})
        if (matches(r, k)) return true;
      return !regions[r]->same_mobile_and_fixed && matches(r, kMobile);
    };
    if (regions.size() == 1) return has_type(0);
    for (size_t r = 0; r < regions.size(); ++r) {
      if (regions[r]->has_leading_digits) {
        if (flags >> ld_bit[r] & 1u) return has_type(r);
      } else if (has_type(r)) {
        return true;
      }
    }
    return false;
  };
  return DfaBuilder(spec).build();
}

bool self_check(const Tables& t);

Tables build_tables() {
  Tables t;
  std::vector<RegionMeta> meta;
  if (!read_metadata(&meta)) return t;
  // country_calling_code_to_region_code_map_, as PhoneNumberUtil builds it.
  std::vector<std::vector<const RegionMeta*>> by_cc(1000);
  for (const RegionMeta& m : meta) {
    if (m.id == "ZZ" || m.cc <= 0 || m.cc >= 1000) continue;
    t.known_cc.set(static_cast<size_t>(m.cc));
    auto& list = by_cc[static_cast<size_t>(m.cc)];
    if (!list.empty() && m.main_country) list.insert(list.begin(), &m);
    else list.push_back(&m);
  }
  auto find_meta = [&](std::string_view id) -> const RegionMeta* {
    for (const RegionMeta& m : meta)
      if (m.id == id) return &m;
    return nullptr;
  };
  t.parse_regions.reserve(std::size(kFastRegions) + std::size(kFastCallingCodes));
  auto parse_region = [&](const RegionMeta* m) -> const ParseRegion* {
    for (const ParseRegion& r : t.parse_regions)
      if (r.id == m->id) return &r;
    std::optional<ParseRegion> r = make_parse_region(*m);
    if (!r) return nullptr;
    t.parse_regions.push_back(std::move(*r));
    return &t.parse_regions.back();
  };
  for (int cc : kFastCallingCodes) {
    const auto& list = by_cc[static_cast<size_t>(cc)];
    if (list.empty() || list.front()->id == "001") continue;
    const ParseRegion* main = parse_region(list.front());
    std::optional<Dfa> valid = make_validity(list);
    if (!main || !valid) continue;
    CallingCode c;
    c.cc = cc;
    c.cc_text = std::to_string(cc);
    c.main = main;
    c.valid = std::move(*valid);
    t.codes.push_back(std::move(c));
  }
  for (const char* id : kFastRegions) {
    const RegionMeta* m = find_meta(id);
    if (!m || m->idd.empty()) continue;  // an empty prefix would match every number
    const ParseRegion* r = parse_region(m);
    if (r && t.code(r->cc)) t.default_regions.push_back(r);
  }
  t.ok = !t.default_regions.empty();
  return t;
}

// ---------------------------------------------------------------------------
// Parse, step by step, for the characters this reading knows.

enum class Reading { kUnsure, kInvalid, kValid };

struct ReadResult {
  Reading reading = Reading::kUnsure;
  int cc = 0;
  size_t nsn_at = 0, nsn_size = 0;  // the national significant number, in digits
  std::string_view ext;             // into the text read
  char digits[kMaxDigits];

  std::string_view nsn() const { return std::string_view(digits + nsn_at, nsn_size); }
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The characters read here (letters: those of the extension labels only), and
// kValidPunctuation with the star sign as far as they go (case-insensitive: x X).
enum : uint8_t { kKnownChar = 1, kPunctuation = 2 };

constexpr std::array<uint8_t, 256> make_char_classes() {
  std::array<uint8_t, 256> c{};
  for (char d = '0'; d <= '9'; ++d) c[static_cast<unsigned char>(d)] = kKnownChar;
  for (char k : std::string_view(" -.()/+:#extnsioEXTNSIO")) c[static_cast<unsigned char>(k)] = kKnownChar;
  for (char p : std::string_view("-xX ()./")) c[static_cast<unsigned char>(p)] |= kPunctuation;
  return c;
}
constexpr std::array<uint8_t, 256> kCharClasses = make_char_classes();

bool known_char(char c) { return kCharClasses[static_cast<unsigned char>(c)] & kKnownChar; }
bool is_punctuation(char c) { return kCharClasses[static_cast<unsigned char>(c)] & kPunctuation; }

bool ci_equals(std::string_view s, size_t at, std::string_view lower_word) {
  if (s.size() - at < lower_word.size()) return false;
  for (size_t i = 0; i < lower_word.size(); ++i)
    if (lower(s[at + i]) != lower_word[i]) return false;
  return true;
}

// (\d{1,max_digits}) then '#' (optional unless hash) and the end.
bool digits_to_end(std::string_view s, size_t j, size_t max_digits, bool hash) {
  size_t start = j;
  while (j < s.size() && is_digit(s[j])) ++j;
  if (j == start || j - start > max_digits) return false;
  if (j < s.size() && s[j] == '#') return j + 1 == s.size();
  return !hash && j == s.size();
}

// Whether s[m..] matches the extension pattern for parsing in full
// ((?i)(?:...)$), for the characters of known_char (no ';' or ',', so neither
// the RFC 3966 ";ext=" nor the auto-dialling alternatives can match).
bool extension_at(std::string_view s, size_t m) {
  size_t n = s.size();
  char first = m < n ? s[m] : '\0';
  if (first != ' ' && first != '-' && first != '#' && lower(first) != 'e' && lower(first) != 'x' && lower(first) != 'i')
    return false;  // every alternative starts with a separator or a label
  auto after_label = [&](size_t j, size_t max_digits) {  // [:.]?[ -]*(\d{1,max})#?$
    if (j < n && (s[j] == ':' || s[j] == '.')) ++j;
    while (j < n && (s[j] == ' ' || s[j] == '-')) ++j;
    return digits_to_end(s, j, max_digits, false);
  };
  // Explicit label: [ ]* e?xt(?:ensio)?n? ...(\d{1,20})#?$
  size_t j = m;
  while (j < n && s[j] == ' ') ++j;
  {
    size_t k = j;
    if (k < n && lower(s[k]) == 'e') ++k;
    if (ci_equals(s, k, "xt")) {
      k += 2;
      if (ci_equals(s, k, "ensio")) k += 5;
      if (k < n && lower(s[k]) == 'n') ++k;
      if (after_label(k, 20)) return true;
    }
  }
  // Ambiguous label: [ ]* (?:[x#]|int) ...(\d{1,9})#?$
  if (j < n && (lower(s[j]) == 'x' || s[j] == '#')) {
    if (after_label(j + 1, 9)) return true;
  } else if (ci_equals(s, j, "int")) {
    if (after_label(j + 3, 9)) return true;
  }
  // American style: [- ]+(\d{1,6})#$
  size_t k = m;
  while (k < n && (s[k] == ' ' || s[k] == '-')) ++k;
  return k > m && digits_to_end(s, k, 6, true);
}

// Whether any extension can match in s: it needs a label (a letter or '#') or,
// in the American style, a final '#'.
bool may_have_extension(std::string_view s) {
  for (char c : s)
    if (is_alpha(c) || c == '#') return true;
  return false;
}

// IsViablePhoneNumber: at least 2 characters, and either exactly two digits or
// +* (?:[punct]*\d){3,} [punct alpha digit]* (?:extension)?
bool viable(std::string_view s) {
  size_t n = s.size();
  if (n < 2) return false;
  if (n == 2 && is_digit(s[0]) && is_digit(s[1])) return true;
  size_t j = 0;
  while (j < n && s[j] == '+') ++j;
  int digits = 0;
  for (; j < n && digits < 3; ++j) {
    if (is_digit(s[j])) ++digits;
    else if (!is_punctuation(s[j])) break;
  }
  if (digits < 3) return false;
  size_t k = j;
  while (k < n && (is_punctuation(s[k]) || is_alpha(s[k]) || is_digit(s[k]))) ++k;
  if (k == n) return true;
  for (size_t m = j; m <= k; ++m)
    if (extension_at(s, m)) return true;
  return false;
}

// ExtractCountryCode: the first 1 to 3 digits that are a calling code (none starts with 0).
int extract_country_code(const Tables& t, std::string_view d, int* cc) {
  if (d.empty() || d[0] == '0') return 0;
  for (size_t i = 1; i <= 3 && i <= d.size(); ++i) {
    int v = 0;
    for (size_t k = 0; k < i; ++k) v = v * 10 + (d[k] - '0');
    if (t.known_cc.test(static_cast<size_t>(v))) {
      *cc = v;
      return static_cast<int>(i);
    }
  }
  return 0;
}

// PhoneNumberUtil::Parse(text, def) then IsValidNumber, or kUnsure.
ReadResult read_number(std::string_view text, const ParseRegion& def, const Tables& t) {
  ReadResult r;
  for (char c : text)
    if (!known_char(c)) return r;
  auto invalid = [&r]() -> ReadResult& {
    r.reading = Reading::kInvalid;
    return r;
  };

  // ExtractPossibleNumber: from the first '+' or digit; trailing characters that
  // are neither letters, digits nor '#' dropped; a second number ("/ x...") cut.
  size_t b = 0;
  while (b < text.size() && !is_digit(text[b]) && text[b] != '+') ++b;
  size_t e = text.size();
  while (e > b && !is_digit(text[e - 1]) && !is_alpha(text[e - 1]) && text[e - 1] != '#') --e;
  std::string_view s = text.substr(b, e - b);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '/') continue;
    size_t j = i + 1;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j < s.size() && s[j] == 'x') return r;
  }
  if (!viable(s)) return invalid();  // NOT_A_NUMBER

  // MaybeStripExtension: the leftmost match of the extension pattern, taken when
  // what precedes it is viable. Its digits: the last run of digits.
  bool extension = may_have_extension(s);
  for (size_t m = 0; extension && m < s.size(); ++m) {
    if (!extension_at(s, m)) continue;
    if (viable(s.substr(0, m))) {
      size_t end = s.size();
      if (s[end - 1] == '#') --end;
      size_t start = end;
      while (start > 0 && is_digit(s[start - 1])) --start;
      r.ext = s.substr(start, end - start);
      s = s.substr(0, m);
    }
    break;
  }

  // Letters left would be read as a vanity number or dropped: not here. A '+'
  // only as the first character.
  size_t len = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_alpha(c) || (c == '+' && i > 0)) return r;
    if (is_digit(c)) {
      if (len == kMaxDigits) return r;
      r.digits[len++] = c;
    }
  }
  std::string_view d(r.digits, len);
  bool plus = !s.empty() && s[0] == '+';

  // MaybeExtractCountryCode.
  int cc = 0;
  auto starts_with_idd = [&def](std::string_view digits) {  // and ParsePrefixAsIdd's "not followed by 0"
    size_t n = def.idd.size();
    return n > 0 && digits.substr(0, n) == def.idd && !(digits.size() > n && digits[n] == '0');
  };
  // After an international prefix: TOO_SHORT_AFTER_IDD, or the calling code.
  auto after_idd = [&](std::string_view* digits) {
    if (digits->size() <= 2) return false;
    int k = extract_country_code(t, *digits, &cc);
    digits->remove_prefix(static_cast<size_t>(k));
    return k > 0;
  };
  if (plus) {
    if (!after_idd(&d)) {
      if (d.size() <= 2) return invalid();  // TOO_SHORT_AFTER_IDD
      // INVALID_COUNTRY_CODE: Parse tries again without the '+', where only
      // the default region's international prefix can give a calling code.
      if (!starts_with_idd(d)) return invalid();
      d.remove_prefix(def.idd.size());
      if (!after_idd(&d)) return invalid();
    }
  } else if (starts_with_idd(d)) {
    d.remove_prefix(def.idd.size());
    if (!after_idd(&d)) return invalid();  // TOO_SHORT_AFTER_IDD, INVALID_COUNTRY_CODE
  } else if (d.substr(0, def.cc_text.size()) == def.cc_text) {
    // The default region's calling code, written without '+'.
    std::string_view potential = d.substr(def.cc_text.size());
    def.strip_national_prefix(&potential);
    if ((!def.general.matches(d) && def.general.matches(potential)) ||
        def.test_length(d.size()) == LengthResult::kTooLong) {
      d = potential;
      cc = def.cc;
    }
  }
  const CallingCode* code = t.code(cc == 0 ? def.cc : cc);
  if (!code) return r;  // a country this reading does not know
  const ParseRegion* meta = &def;
  if (cc != 0 && code->main->id != def.id) meta = code->main;
  cc = code->cc;

  // The national prefix, kept only when what remains has a possible length.
  if (d.size() < 2) return invalid();  // TOO_SHORT_NSN
  std::string_view potential = d;
  meta->strip_national_prefix(&potential);
  LengthResult lr = meta->test_length(potential.size());
  if (lr != LengthResult::kTooShort && lr != LengthResult::kLocalOnly && lr != LengthResult::kInvalidLength)
    d = potential;
  if (d.size() < 2 || d.size() > static_cast<size_t>(kMaxNsn)) return invalid();  // TOO_SHORT_NSN, TOO_LONG_NSN

  if (!code->valid.matches(d)) return invalid();
  r.reading = Reading::kValid;
  r.cc = cc;
  r.nsn_at = static_cast<size_t>(d.data() - r.digits);
  r.nsn_size = d.size();
  return r;
}

const Tables& tables();

// parse_phone's reading of the text (the first reading, then the second one
// that takes a leading 00 or 011 as '+'), without libphonenumber.
std::optional<Phone> read_phone(std::string_view t, const ParseRegion& def, const Tables& tb) {
  ReadResult r = read_number(t, def, tb);
  std::string second;
  if (r.reading == Reading::kInvalid) {
    size_t at = t.find_first_not_of(" ()");
    std::string_view rest = t.substr(at == std::string_view::npos ? t.size() : at);
    for (std::string_view prefix : {"011", "00"}) {
      if (rest.substr(0, prefix.size()) == prefix) {
        second.reserve(rest.size());
        second = "+";
        second.append(rest.substr(prefix.size()));
        r = read_number(second, def, tb);
        break;
      }
    }
  }
  if (r.reading == Reading::kUnsure) return std::nullopt;
  Phone p;
  if (r.reading == Reading::kInvalid) {
    p.status = PhoneStatus::kInvalid;
    return p;
  }
  p.status = PhoneStatus::kValid;
  const CallingCode* code = tb.code(r.cc);
  std::string_view nsn = r.nsn();
  p.e164.reserve(1 + code->cc_text.size() + nsn.size());
  p.e164 = "+";
  p.e164.append(code->cc_text);
  p.e164.append(nsn);
  p.extension.assign(r.ext);
  return p;
}

// ---------------------------------------------------------------------------
// The self-check at first use: the automata against IsValidNumber on built
// numbers, the reading against the slow path on fixed texts.

bool self_check(const Tables& t) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  auto next = [&x]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (const CallingCode& c : t.codes) {
    for (int i = 0; i < 300; ++i) {
      int len = i % 3 == 0 ? 2 + static_cast<int>(next() % 16) : (i % 3 == 1 ? 10 : 9 + static_cast<int>(next() % 3));
      std::string nsn;
      for (int k = 0; k < len; ++k) nsn.push_back(static_cast<char>('0' + next() % 10));
      if (i % 7 != 0 && nsn[0] == '0') nsn[0] = '1' + static_cast<char>(next() % 9);
      PhoneNumber n;
      n.set_country_code(c.cc);
      n.set_national_number(std::stoull(nsn));
      if (nsn.size() > 1 && nsn[0] == '0') {  // SetItalianLeadingZerosForPhoneNumber
        n.set_italian_leading_zero(true);
        int zeros = 1;
        while (zeros < static_cast<int>(nsn.size()) - 1 && nsn[static_cast<size_t>(zeros)] == '0') ++zeros;
        if (zeros != 1) n.set_number_of_leading_zeros(zeros);
      }
      if (util.IsValidNumber(n) != c.valid.matches(nsn)) return false;
    }
  }
  static const char* const kTexts[] = {
      "(415) 555-0134", "415.555.0134", "415-555-0134", "415 555 0134", "4155550134", "1-415-555-0134",
      "1 (415) 555-0134", "+14155550134", "+1 415 555 0134", "+1 (415) 555-0134", "+44 20 7946 0018",
      "+49 30 901820", "+44 (0)20 3269 5754", "020 7946 0018", "030 901820", "030/901820", "07700 900123",
      "0151 23456789", "+49 151 23456789", "011 44 20 7946 0018", "0044 20 7946 0018", "00 1 415 555 0134",
      "001 415 555 0134", "(212) 200-1234 x123", "212-200-1234 ext. 12", "+1 212 200 1234 ext 1234",
      "212 200 1234 #12", "212-200-1234 x 12", "+44 20 7946 0018 ext. 7", "2122001234#", "555-0100",
      "+1 000 000 0000", "12345", "0001", "(800) 555-0199", "1 1 415 555 0134", "+1 2125551234",
      "02079460018", "+4402079460018", "+44 7911 123456", "+1 441 295 1234", "+1 268 464 1234",
  };
  for (const ParseRegion* def : t.default_regions) {
    for (const char* text : kTexts) {
      std::optional<Phone> fast = read_phone(text, *def, t);
      if (!fast) continue;
      Phone slow = parse_phone_slow(text, def->id);
      if (fast->status != slow.status || fast->e164 != slow.e164 || fast->extension != slow.extension) return false;
    }
  }
  return true;
}

const Tables& tables() {
  static Tables t;
  static std::once_flag once;
  std::call_once(once, [] {
    t = build_tables();
    if (t.ok && !self_check(t)) t.ok = false;
  });
  return t;
}

}  // namespace

std::optional<Phone> parse_phone_fast(std::string_view raw, const std::string& default_region) {
  std::string_view text;
  if (std::optional<Phone> settled = phone_detail::settle_phone_cell(raw, &text)) return settled;
  const Tables& t = tables();
  if (!t.ok) return std::nullopt;
  const ParseRegion* def = t.default_region(default_region);
  if (!def) return std::nullopt;
  return read_phone(text, *def, t);
}

bool phone_fast_enabled() { return tables().ok; }

size_t phone_fast_table_bytes() {
  const Tables& t = tables();
  auto bytes = [](const Dfa& d) { return d.next.size() * sizeof d.next[0] + d.accept.size(); };
  size_t n = sizeof t;
  for (const ParseRegion& r : t.parse_regions) n += sizeof r + bytes(r.general);
  for (const CallingCode& c : t.codes) n += sizeof c + bytes(c.valid);
  return n;
}

}  // namespace crmerge::normalize
