// Soft delete, what the rest of the extension calls (the files of src/softdelete/ and how
// they fit together: internal.hpp).
#pragma once

namespace fitness::softdelete {

// From _PG_init: rows kept by an aborted (sub)transaction are dropped with it.
void register_soft_delete_callbacks();

}  // namespace fitness::softdelete
