# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for shmtool.
#
# Every list comes from the binary, so the completion cannot go stale:
# commands from `shmtool --list-commands`, each command's options from
# `shmtool CMD --list-options`, columns from `shmtool list --list-columns`, shmids
# and keys of live segments from `shmtool list -n -o SHMID|KEY`, POSIX names
# from `shmtool list --posix -r -n -o NAME` (escaped by the untrusted-text
# rule; fish escapes what it inserts, so the backslashes reach shmtool).
# After -N PID, every such list is the target namespace's: the binary is
# asked with the same -N.

# The value lists the binary does not print on their own; this is their one
# place in this file (tests/docs.bats checks them against --help and the man page).
function __shmtool_values -a cmd opt
    switch "$cmd:$opt"
        case attach-dump:--format dump:--format
            printf '%s\n' hex raw string
        case list:--format ls:--format
            printf '%s\n' table raw export json openmetrics
        case list:--view ls:--view
            printf '%s\n' creators times pids
        case '*:--time-format'
            printf '%s\n' short full iso epoch
    end
end

# Commands whose operands are segments (shmids).
set -g __shmtool_selector_commands rm attach-dump dump write show

function __shmtool_run
    set -l bin (commandline -opc)[1]
    test -n "$bin"; or set bin shmtool
    command $bin $argv 2>/dev/null
end

# One line per option, from `shmtool [CMD] --list-options`: LONG, SHORT,
# ARG (none, required or optional), VALUE and HELP separated by tabs, "-"
# for an empty field.
function __shmtool_options
    __shmtool_run $argv --list-options
end

# Whether option $argv[1] of the options lines that follow takes none, a
# required or an optional value; fails when it is not one of them.
function __shmtool_option_arg -a opt
    for line in $argv[2..-1]
        set -l f (string split \t -- $line)
        if test "x$opt" != x-; and begin; test "x$opt" = "x$f[1]"; or test "x$opt" = "x$f[2]"; end
            echo $f[3]
            return 0
        end
    end
    return 1
end

# Column names; -o takes +LIST and COL,COL,... so keep what comes before.
function __shmtool_columns -a cur multi
    set -l prefix ''
    if test "$multi" = 1
        if string match -q -- '*,*' $cur
            set prefix (string replace -r -- '[^,]*$' '' $cur)
        else if string match -q -- '+*' $cur
            set prefix +
        end
    end
    __shmtool_run list --list-columns | while read -l name help
        printf '%s%s\t%s\n' $prefix $name (string trim -- $help)
    end
end

# The -N PID of the command line, anywhere before the word being completed.
function __shmtool_ns
    set -l words (commandline -opc)
    set -l n (count $words)
    set -l ns
    for i in (seq 2 $n)
        switch $words[$i]
            case -N --namespace
                test $i -lt $n; and set ns -N $words[(math $i + 1)]
            case '--namespace=?*'
                set ns -N (string replace -- --namespace= '' $words[$i])
            case '-N?*'
                set ns -N (string sub -s 3 -- $words[$i])
        end
    end
    test (count $ns) -gt 0; and printf '%s\n' $ns
end

# The live objects, in the namespace the command line names with -N.
function __shmtool_query
    __shmtool_run (__shmtool_ns) list $argv
end

# Live shmids or keys with their owner and size; never the key 0x00000000
# (IPC_PRIVATE), which names no one segment.
function __shmtool_segments -a col
    __shmtool_query -n -r -o $col,OWNER,BYTES | while read -l v owner bytes
        test $col = KEY -a $v = 0x00000000; and continue
        printf '%s\towner %s, %s bytes\n' $v $owner $bytes
    end
end

function __shmtool_posix_names
    __shmtool_query --posix -r -n -o NAME
end

# Huge page sizes the kernel offers (2M, 1G), from /sys when it is there.
function __shmtool_hugepage_sizes
    set -l sizes
    for d in /sys/kernel/mm/hugepages/hugepages-*kB
        set -l kb (string replace -r -- '.*-([0-9]+)kB$' '$1' $d)
        if test (math $kb % 1048576) -eq 0
            set -a sizes (math $kb / 1048576)G
        else if test (math $kb % 1024) -eq 0
            set -a sizes (math $kb / 1024)M
        else
            set -a sizes {$kb}K
        end
    end
    test (count $sizes) -gt 0; or set sizes 2M 1G
    printf '%s\n' $sizes
end

function __shmtool_value -a cmd opt cur
    switch $opt
        case -o --output
            __shmtool_columns $cur 1
        case -s --sort
            __shmtool_columns $cur 0
        case -u --owner
            __fish_complete_users
        case --file --output-file
            __fish_complete_path $cur
        case -k --key
            # create wants a free key: no list of those makes sense
            test "$cmd" = create; or __shmtool_segments KEY
        case --posix
            # create names a new object
            test "$cmd" = create; or __shmtool_posix_names
        case --hugetlb
            __shmtool_hugepage_sizes
        case -i --id
            __shmtool_segments SHMID
        case --creator
            __fish_complete_pids
        case -N --namespace
            # PIDs, and the containers list -A names (it needs privilege to see them)
            __fish_complete_pids
            __shmtool_run info -A -r -n | awk '$3 != "-" { print $3 "\tcontainer" }' | sort -u
        case '*'
            __shmtool_values $cmd $opt
    end
end

function __shmtool_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l opts (__shmtool_options)
    set -l cmd ''
    set -l i 2
    # the command is the first word that is neither an option nor its value
    while test $i -le (count $words)
        set -l w $words[$i]
        if string match -q -- '-*' $w
            if not string match -q -- '*=*' $w
                set -l a (__shmtool_option_arg $w $opts)
                test "$a" = required; and set i (math $i + 1)
            end
        else
            set cmd $w
            break
        end
        set i (math $i + 1)
    end
    if test -n "$cmd" -a "$cmd" != help
        set opts (__shmtool_options $cmd)
    end

    # the value of an option: --opt=VALUE or --opt VALUE
    if string match -q -- '--*=*' $cur
        set -l opt (string replace -r -- '=.*' '' $cur)
        set -l val (string replace -r -- '^[^=]*=' '' $cur)
        for v in (__shmtool_value "$cmd" $opt $val)
            echo $opt=$v
        end
        return
    end
    set -l prev $words[-1]
    if test (count $words) -gt 1; and string match -q -- '-*' $prev; and not string match -q -- '*=*' $prev
        set -l a (__shmtool_option_arg $prev $opts)
        # -N is global, but may follow the command too
        contains -- $prev -N --namespace; and set a required
        if test "$a" = required
            __shmtool_value "$cmd" $prev $cur
            return
        end
    end

    if string match -q -- '-*' $cur
        for line in $opts
            set -l f (string split \t -- $line)
            test "$f[1]" != -; and printf '%s\t%s\n' $f[1] $f[5]
            test "$f[2]" != -; and printf '%s\t%s\n' $f[2] $f[5]
        end
        return
    end

    if test -z "$cmd"; or begin; test "$cmd" = help; and test $i -eq (count $words); end
        __shmtool_run --list-commands
        return
    end
    if contains -- $cmd $__shmtool_selector_commands
        if string match -q -- '/*' $cur
            __shmtool_posix_names
        else
            __shmtool_segments SHMID
        end
    end
end

complete -c shmtool -f -a '(__shmtool_complete)'
