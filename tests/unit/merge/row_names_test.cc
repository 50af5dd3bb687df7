// Names read from a row as the keys phase reads them, and compared as the
// match compares them (merge/row_names.h).
#include "merge/row_names.h"

#include <gtest/gtest.h>

#include <string>

#include "csv/tokenizer.h"

namespace crmerge::merge {
namespace {

// The names of CSV record `line` (no line ending), with columns: first 0, last 1, full 2.
RowNames names_of(const std::string& line, bool full_column = true) {
  static std::string text;  // the record's views point into it
  text = line;
  csv::Record rec;
  csv::Dialect d;
  csv::parse_record(text, true, d, rec.fields);
  rec.text = text;
  KeyColumns cols;
  cols.first = {0};
  cols.last = {1};
  if (full_column) cols.full = {2};
  RowNames n;
  read_names(rec, cols, d.quote, n);
  return n;
}

TEST(RowNames, ReadsFoldedNamesAndAHashOfThem) {
  RowNames a = names_of("Bill,Müller,");
  EXPECT_EQ(a.first, "william") << "a nickname is mapped to the full name";
  EXPECT_EQ(a.last, "muller");
  EXPECT_TRUE(a.latin);
  EXPECT_NE(a.person, 0u);
  EXPECT_EQ(names_of(" William , MULLER,x").person, a.person) << "the same folded names: the same hash";
  EXPECT_NE(names_of("William,Miller,").person, a.person);
  EXPECT_NE(names_of("Muller,William,").person, a.person) << "first and last are not interchangeable";
}

TEST(RowNames, SplitsAFullNameOnlyWhenFirstAndLastAreEmpty) {
  RowNames a = names_of(",,Ann Lee");
  EXPECT_EQ(a.first, "ann");
  EXPECT_EQ(a.last, "lee");
  EXPECT_EQ(a.person, names_of("Ann,Lee,").person);
  EXPECT_EQ(names_of("Bob,,Ann Lee").first, "robert") << "a first name is there: the full name is not read";
  EXPECT_TRUE(names_of(",,Ann Lee", false).empty()) << "no full-name column";
}

TEST(RowNames, ARowWithoutNamesHasNoHash) {
  RowNames a = names_of(" , ,  ");
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.person, 0u);
  EXPECT_EQ(a.first, "");
  EXPECT_EQ(a.last, "");
}

NameConflicts conflicts(const std::string& a, const std::string& b) {
  return compare_names(names_of(a), names_of(b));
}

TEST(CompareNames, LastNamesDisagreeWhenNeitherContainsTheOther) {
  EXPECT_TRUE(conflicts("Ann,Lee,", "Ann,Smith,").last);
  EXPECT_FALSE(conflicts("Ann,Lee,", "Ann,Lee-Smith,").last) << "a double-barrelled name contains the other";
  EXPECT_FALSE(conflicts("Ann,Lee-Smith,", "Ann,Lee,").last) << "either way round";
  EXPECT_FALSE(conflicts("Ann,,", "Ann,Smith,").last) << "a missing last name disagrees with none";
  EXPECT_FALSE(conflicts("Ann,Smith,", "Ann,,").last);
}

TEST(CompareNames, FirstNamesDisagreeWhenNeitherStartsTheOther) {
  EXPECT_TRUE(conflicts("Ann,Lee,", "Zoe,Lee,").first);
  EXPECT_FALSE(conflicts("A.,Lee,", "Ann,Lee,").first) << "an initial starts the name";
  EXPECT_FALSE(conflicts("Ann,Lee,", "A,Lee,").first);
  EXPECT_TRUE(conflicts("Nann,Lee,", "Ann,Lee,").first) << "starts, not contains";
  EXPECT_FALSE(conflicts("Bill,Lee,", "William,Lee,").first) << "nicknames mapped";
  EXPECT_FALSE(conflicts(",Lee,", "Zoe,Lee,").first);
}

TEST(CompareNames, NamesInDifferentScriptsAreNotComparedButDiffer) {
  NameConflicts c = conflicts("Ann,Matsumoto,", "杏,松本,");
  EXPECT_TRUE(c.scripts_differ);
  EXPECT_FALSE(c.last);
  EXPECT_FALSE(c.first);
  EXPECT_FALSE(conflicts("杏,松本,", "杏,松本,").scripts_differ);
  EXPECT_TRUE(conflicts("杏,松本,", "杏,鈴木,").last) << "two names in the same other script are compared";
}

TEST(CompareNames, ARowWithoutNamesDisagreesWithNone) {
  for (const char* other : {"Ann,Lee,", "杏,松本,"}) {
    NameConflicts c = conflicts(",,", other);
    EXPECT_FALSE(c.last || c.first || c.scripts_differ) << other;
    c = conflicts(other, ",,");
    EXPECT_FALSE(c.last || c.first || c.scripts_differ) << other;
  }
}

}  // namespace
}  // namespace crmerge::merge
