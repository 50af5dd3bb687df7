// How a CSV file is written: its encoding, delimiter, quoting, line ending and
// where its header is. Sniffed from the file (csv/sniff.h) and used both to
// read it and to write fields that match it (csv/writer.h).
#pragma once

#include <cstdint>
#include <string>

namespace crmerge::csv {

enum class Encoding { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };
const char* encoding_name(Encoding e);

struct Dialect {
  char delimiter = ',';
  char quote = '"';       // doubled inside a quoted field ("" is one quote)
  bool quote_all = false; // every header field was quoted: new fields are quoted too
  std::string newline = "\n";  // the header's line ending ("\n", "\r\n" or "\r")
  Encoding encoding = Encoding::kUtf8;
  bool bom = false;            // the original file started with a byte order mark
  // Where the header is, in the file that is scanned (the original, or its
  // UTF-8 copy when the original was in another encoding; a BOM is skipped).
  uint64_t header_offset = 0;
  uint64_t header_line = 1;    // 1-based line number of the header
};

// Printable name of a delimiter: "comma", "semicolon", "tab", "pipe" or the character.
std::string delimiter_name(char d);

}  // namespace crmerge::csv
