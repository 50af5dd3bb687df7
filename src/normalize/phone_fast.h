// The fast path of parse_phone: the common ways of writing a phone number, read
// without libphonenumber's Parse (regular expressions behind one global lock,
// ~16-30 us a number), with a result identical to the slow path's on every
// input it accepts (status, e164, extension). Anything it is not sure of, it
// leaves to the slow path (nullopt).
//
// How it stays exact:
//   - Validity is not guessed: at first use, libphonenumber's own compiled-in
//     metadata (the patterns IsValidNumber matches, region by region) is
//     compiled into one deterministic automaton per country calling code that
//     computes IsValidNumber's answer for a national significant number: the
//     same patterns, possible lengths, number types and region choice among the
//     regions that share a calling code (NANP: US, CA and the Caribbean).
//   - The reading of the text follows Parse step by step (the possible number's
//     start and end, viability, the extension patterns, "+", the international
//     prefix, the default country's calling code, the national prefix, lengths)
//     for a restricted alphabet: ASCII digits, space - . ( ) / +, the extension
//     labels (x, ext, ext., extn, extension, #, int) and ':'. Other characters
//     (letters that could be vanity numbers, commas, tabs, non-ASCII) go to the
//     slow path.
//   - Calling codes 1 (NANP), 44 (GB, GG, IM, JE) and 49 (DE); default regions
//     US, CA, GB, DE. Other countries go to the slow path.
//   - At first use, a self-check compares the automata and the reading with
//     libphonenumber on a fixed sample; any disagreement (say, a libphonenumber
//     upgrade whose parsing differs) switches the fast path off entirely.
//   - tests/unit/normalize/phone_fast_test.cc compares both paths on over a
//     million generated numbers of every shape.
//
// Thread-safe: the tables are built once (std::call_once) and read-only after.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/phone.h"

namespace crmerge::normalize {

// parse_phone's result for `raw`, or nullopt when only the slow path can tell.
std::optional<Phone> parse_phone_fast(std::string_view raw, const std::string& default_region);

// Whether the fast path is on (its tables were built and passed the self-check).
bool phone_fast_enabled();

// The memory its tables hold, in bytes (for the benchmark).
size_t phone_fast_table_bytes();

namespace phone_detail {

// parse_phone's first steps, shared by both paths: trims, strips the spreadsheet
// text markers (a leading ' or =, "..."), and settles empty cells, do-not-call
// markers and Excel floats. Returns the Phone when the cell is settled; else
// sets *text to what remains to be read as a number (a view into raw).
std::optional<Phone> settle_phone_cell(std::string_view raw, std::string_view* text);

}  // namespace phone_detail
}  // namespace crmerge::normalize
