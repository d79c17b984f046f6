# A guest on page tables of its own (tests/guest/kvm_translate.c): the
# translate file walks them and the VM's second stage to the GPAs the
# program mapped and pagemap's pages, one BAD=s2 line for a table outside
# every memslot; ranges, bad commands, 1-byte reads; 5-level on LA57.
kvm_translate -t nothp || exit 1
exec kvm_translate -t thp -5
