// The output file written by several threads at once, each a piece of it, the
// pieces in their order: the piece whose turn it is writes straight into the
// file; a piece whose turn has not come holds what it writes, up to a cap, and
// then waits for its turn. A piece that ends before its turn leaves what it
// holds to be written in its turn (up to twice the cap in all; beyond that it
// waits), and its thread goes on with another piece. The export cuts the CRM
// into pieces that its workers take in order, so that no part of the output is
// written twice (it once wrote each worker's range into a file of its own and
// appended them: at 10M CRM rows 2 GB more written, then copied).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

class OrderedOutput {
 public:
  // Pieces 0, 1, 2... go to `out` in that order; each holds at most `cap` bytes
  // while it runs before its turn.
  OrderedOutput(AtomicOutputFile& out, size_t cap) : out_(out), cap_(cap) {}
  OrderedOutput(const OrderedOutput&) = delete;
  OrderedOutput& operator=(const OrderedOutput&) = delete;

  class Piece {
   public:
    Piece(Piece&& other) noexcept
        : o_(std::exchange(other.o_, nullptr)), index_(other.index_), turn_(other.turn_), held_(std::move(other.held_)) {}
    Piece& operator=(Piece&&) = delete;
    ~Piece();
    Status write(std::string_view bytes);
    // Ends the piece: written now if it is its turn (with the pieces after it
    // that ended already), else left to be written in its turn.
    Status finish();

   private:
    friend class OrderedOutput;
    Piece(OrderedOutput& o, uint64_t index, std::string held) : o_(&o), index_(index), held_(std::move(held)) {}
    OrderedOutput* o_;
    uint64_t index_;
    bool turn_ = false;
    std::string held_;
  };
  // Piece `index`: every index from 0 up is asked for once, by any thread.
  Piece piece(uint64_t index);
  // A piece failed: the pieces waiting for a turn, and those that will, stop
  // with an error.
  void abandon();

 private:
  // Waits (holding `lock`) until it is piece `index`'s turn.
  Status wait_for_turn(std::unique_lock<std::mutex>& lock, uint64_t index);
  // Piece turn_ is written: the turn passes to the next, and the pieces that
  // ended before their turn are written in it. Called holding `lock`.
  Status pass_turn(std::unique_lock<std::mutex>& lock);
  void recycle(std::string buffer);  // holding mu_

  AtomicOutputFile& out_;
  const size_t cap_;
  std::mutex mu_;
  std::condition_variable turn_changed_;
  // The piece writing into `out_`: changed holding mu_ once every piece before
  // it is written; read without it by a piece to see whether its turn came.
  std::atomic<uint64_t> turn_{0};
  bool abandoned_ = false;
  std::map<uint64_t, std::string> ended_;  // pieces that ended before their turn
  size_t ended_bytes_ = 0;
  std::vector<std::string> spare_;  // buffers kept for the next pieces
};

}  // namespace crmerge::merge
