// bench-gencheck N M SEED: checks the generator's uniqueness guarantees over the
// whole population of `crmerge-gen --crm-rows N --vendor-rows M --seed SEED`:
// every work address, private address, LinkedIn handle, mobile and direct number
// belongs to exactly one person; a switchboard to one company; a home phone to
// one household; no number is of two kinds. Prints a few population figures.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "lists.h"
#include "population.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bench-gencheck N M SEED\n");
    return 2;
  }
  if (const char* err = gen::check_lists()) {
    std::fprintf(stderr, "lists: %s\n", err);
    return 1;
  }
  gen::Sizes sizes{std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[1], nullptr, 10),
                   std::strtoull(argv[2], nullptr, 10)};
  gen::Population pop(sizes);
  std::unordered_map<std::string, std::uint64_t> owner;  // value -> owner key
  int failures = 0;
  auto claim = [&](const std::string& value, std::uint64_t who, const char* what) {
    auto [it, fresh] = owner.emplace(value, who);
    if (!fresh && it->second != who && failures++ < 10)
      std::fprintf(stderr, "FAIL: %s %s belongs to two owners (%llx, %llx)\n", what, value.c_str(),
                   static_cast<unsigned long long>(it->second), static_cast<unsigned long long>(who));
  };
  auto phone = [](const gen::Phone& p) { return std::string("+") + p.country_code() + p.nsn; };
  gen::Person P;
  std::uint64_t non_ascii = 0, households = 0, countries[3] = {0, 0, 0}, big = 0, personal = 0;
  std::unordered_set<std::uint64_t> companies;
  const std::uint64_t kPerson = 0, kCompany = 1ULL << 62, kHome = 2ULL << 62;
  for (std::uint64_t p = 0; p < pop.universe(); ++p) {
    pop.person(p, P);
    claim(P.work_email, kPerson | p, "work address");
    if (!P.personal_email.empty()) claim(P.personal_email, kPerson | p, "private address"), ++personal;
    if (!P.personal_email2.empty()) claim(P.personal_email2, kPerson | p, "second private address");
    claim("li:" + P.linkedin, kPerson | p, "LinkedIn handle");
    claim(phone(P.mobile), kPerson | p, "mobile");
    claim(phone(P.direct), kPerson | p, "direct line");
    claim(phone(P.company.hq), kCompany | P.company.start, "switchboard");
    if (P.household) {
      claim(phone(P.home), kHome | (p >> 1), "home phone");
      ++households;
    }
    if (pop.person_at(P.q) != p && failures++ < 10) std::fprintf(stderr, "FAIL: permutation inverse\n");
    std::string display = std::string(P.first->display) + P.last->display;
    for (char c : display)
      if (static_cast<unsigned char>(c) >= 0x80) {
        ++non_ascii;
        break;
      }
    ++countries[P.country];
    if (P.company.size > 64) ++big;
    companies.insert(P.company.start);
  }
  double u = static_cast<double>(pop.universe());
  std::printf("persons %llu, companies %zu (%.1f persons each), in companies > 64: %.1f%%\n",
              static_cast<unsigned long long>(pop.universe()), companies.size(), u / static_cast<double>(companies.size()),
              100.0 * static_cast<double>(big) / u);
  std::printf("non-ASCII names %.1f%%, US %.1f%%, UK %.1f%%, DE %.1f%%, household members %.2f%%, private address %.1f%%\n",
              100.0 * static_cast<double>(non_ascii) / u, 100.0 * static_cast<double>(countries[0]) / u,
              100.0 * static_cast<double>(countries[1]) / u, 100.0 * static_cast<double>(countries[2]) / u,
              100.0 * static_cast<double>(households) / u, 100.0 * static_cast<double>(personal) / u);
  if (failures) {
    std::fprintf(stderr, "%d uniqueness failure(s)\n", failures);
    return 1;
  }
  std::printf("all identifiers unique\n");
  return 0;
}
