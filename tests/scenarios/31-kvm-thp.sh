# The same with THP: 2M leaves, counted against KVM's pages_2m.
exec kvm_touch -t thp
