// The output file written by several threads at once, each a piece of it, the
// pieces in their order: the piece whose turn it is writes straight into the
// file; a piece whose turn has not come holds what it writes, up to a cap, and
// then waits for its turn. The export cuts the CRM into many pieces that its
// workers take in order, so that no part of the output is written twice (it
// once wrote each worker's range into a file of its own and appended them: at
// 10M CRM rows 2 GB more written, then copied).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

class OrderedOutput {
 public:
  // Pieces 0, 1, 2... go to `out` in that order; each holds at most `cap` bytes
  // while it waits.
  OrderedOutput(AtomicOutputFile& out, size_t cap) : out_(out), cap_(cap) {}
  OrderedOutput(const OrderedOutput&) = delete;
  OrderedOutput& operator=(const OrderedOutput&) = delete;

  class Piece {
   public:
    Status write(std::string_view bytes);
    // Waits for the piece's turn, writes what it holds and passes the turn on.
    Status finish();

   private:
    friend class OrderedOutput;
    Piece(OrderedOutput& o, uint64_t index, std::string& held) : o_(o), index_(index), held_(held) {}
    Status take_turn();  // waits until it is the piece's turn; writes what it held
    OrderedOutput& o_;
    uint64_t index_;
    bool turn_ = false;
    std::string& held_;
  };
  // Piece `index`, holding what it must in `held` (a thread's buffer, kept
  // from piece to piece): every index from 0 up is asked for once, by any
  // thread.
  Piece piece(uint64_t index, std::string& held) {
    held.clear();
    return Piece(*this, index, held);
  }
  // A piece failed: the pieces waiting for a turn, and those that will, stop
  // with an error.
  void abandon();

 private:
  AtomicOutputFile& out_;
  const size_t cap_;
  std::mutex mu_;
  std::condition_variable turn_changed_;
  uint64_t turn_ = 0;  // the piece writing into `out_`
  bool abandoned_ = false;
};

}  // namespace crmerge::merge
