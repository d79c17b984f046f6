# A VM's roots (tests/guest/kvm_roots.c): "root=ID" dumps the root info
# names, the default one line for line as the default dump; on x86 a vCPU
# that enters SMM gets an SMM root, whose leaves map address space 1's
# memslot at pagemap's pages, and the default dump stays on vCPU 0's root.
exec kvm_roots
