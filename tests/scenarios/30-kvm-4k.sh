# A guest touches a 32 MiB memslot backed by 4K pages: every stage-2 leaf
# maps the page pagemap shows for its HVA; counts equal KVM's pages_4k.
exec kvm_touch -t nothp
