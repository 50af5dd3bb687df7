#include "normalize/name.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "base/strings.h"

namespace crmerge::normalize {

namespace {

// Latin-1 Supplement and Latin Extended-A letters folded to ASCII.
const char* fold(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static const char* const k[] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
                                    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    static_assert(std::size(k) == 0x40);
    return k[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    static const char* const k[] = {
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
    static_assert(std::size(k) == 0x80);
    return k[cp - 0x100];
  }
  return nullptr;
}

}  // namespace

void name_key_into(std::string_view raw, std::string& out) {
  out.clear();
  // Gunther and Guenther, Muller and Mueller: the same names. An 'e' right
  // after an a, o or u (as written, or as an accent folded) is dropped.
  char prev = 0;
  auto push = [&](char c) {
    if (!(c == 'e' && (prev == 'a' || prev == 'o' || prev == 'u'))) out += c;
    prev = c;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  size_t n = raw.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') push(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) push(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > n) break;
    uint32_t cp = len == 2 ? ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu) : 0;
    const char* f = len == 2 ? fold(cp) : nullptr;
    if (f) {
      for (; *f; ++f) push(*f);
    } else {
      for (size_t k = 0; k < len; ++k) push(static_cast<char>(p[i + k]));
    }
    i += len;
  }
}

std::string name_key(std::string_view raw) {
  std::string out;
  name_key_into(raw, out);
  return out;
}

std::string canonical_first_name(std::string key) {
  static constexpr std::pair<std::string_view, std::string_view> kNicknames[] = {
      {"bill", "william"},  {"billy", "william"},  {"will", "william"},     {"liam", "william"},
      {"bob", "robert"},    {"bobby", "robert"},   {"rob", "robert"},      {"robbie", "robert"},
      {"dick", "richard"},  {"rick", "richard"},   {"ricky", "richard"},   {"rich", "richard"},
      {"jim", "james"},     {"jimmy", "james"},    {"jamie", "james"},     {"jack", "john"},
      {"johnny", "john"},   {"jon", "john"},       {"mike", "michael"},    {"mick", "michael"},
      {"chuck", "charles"}, {"charlie", "charles"}, {"ted", "edward"},     {"ed", "edward"},
      {"eddie", "edward"},  {"ned", "edward"},     {"tony", "anthony"},    {"hank", "henry"},
      {"harry", "henry"},   {"dave", "david"},     {"steve", "steven"},    {"stephen", "steven"},
      {"tom", "thomas"},    {"tommy", "thomas"},   {"joe", "joseph"},      {"joey", "joseph"},
      {"dan", "daniel"},    {"danny", "daniel"},   {"matt", "matthew"},    {"chris", "christopher"},
      {"nick", "nicholas"}, {"sam", "samuel"},     {"ben", "benjamin"},    {"andy", "andrew"},
      {"drew", "andrew"},   {"greg", "gregory"},   {"jeff", "jeffrey"},    {"geoff", "jeffrey"},
      {"pat", "patrick"},   {"alex", "alexander"}, {"larry", "lawrence"},  {"jerry", "gerald"},
      {"peggy", "margaret"}, {"maggie", "margaret"}, {"meg", "margaret"},  {"liz", "elizabeth"},
      {"beth", "elizabeth"}, {"betty", "elizabeth"}, {"lisa", "elizabeth"}, {"kate", "katherine"},
      {"katie", "katherine"}, {"kathy", "katherine"}, {"catherine", "katherine"}, {"sue", "susan"},
      {"susie", "susan"},   {"jenny", "jennifer"}, {"jen", "jennifer"},    {"becky", "rebecca"},
      {"patty", "patricia"}, {"trish", "patricia"}, {"debbie", "deborah"}, {"mandy", "amanda"},
      {"vicky", "victoria"}, {"abby", "abigail"},  {"sandy", "sandra"},    {"cindy", "cynthia"},
  };
  // Sorted once by nickname, then searched (called for every row's first name).
  static const auto sorted = [] {
    std::array<std::pair<std::string_view, std::string_view>, std::size(kNicknames)> a;
    std::copy(std::begin(kNicknames), std::end(kNicknames), a.begin());
    std::sort(a.begin(), a.end());
    return a;
  }();
  auto it = std::lower_bound(sorted.begin(), sorted.end(), std::string_view(key),
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it != sorted.end() && it->first == key) return std::string(it->second);
  return key;
}

bool is_latin_key(std::string_view key) {
  return std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void split_full_name(std::string_view full, std::string& first_key, std::string& last_key) {
  std::string_view t = trim_ascii(full);
  size_t comma = t.find(',');
  if (comma != std::string_view::npos) {  // "Doe, Jane"
    last_key = name_key(t.substr(0, comma));
    std::string_view rest = trim_ascii(t.substr(comma + 1));
    first_key = name_key(rest.substr(0, rest.find(' ')));
    return;
  }
  size_t first_space = t.find(' ');
  size_t last_space = t.rfind(' ');
  if (first_space == std::string_view::npos) {
    first_key = name_key(t);
    last_key.clear();
    return;
  }
  first_key = name_key(t.substr(0, first_space));
  last_key = name_key(t.substr(last_space + 1));
}

}  // namespace crmerge::normalize
